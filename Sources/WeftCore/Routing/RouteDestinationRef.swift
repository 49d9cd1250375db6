/// A route destination as compiled: its host resolved to a service of the snapshot (or not), the subset and port
/// it names, its weight and its own header operations. The endpoint list and traffic policy are looked up when
/// deciding, because the DestinationRule that applies depends on the client's namespace.
struct RouteDestinationRef: Sendable, Hashable {
    /// Fully qualified, resolved relative to the VirtualService's namespace.
    let host: String
    /// Index of the service in the snapshot's registry; nil when no service has this host.
    let serviceIndex: Int?
    let subset: String?
    /// The port the destination names; nil: the service's only port, else the port the request came to.
    let port: Int?
    let weight: Int
    let headers: Headers

    /// The service port traffic goes to, following Istio's `GetDestinationCluster`: the destination's port,
    /// else the service's only port, else the port the traffic arrived on.
    func resolvedPort(listenerPort: Int, in registry: ServiceRegistry) -> Int {
        if let port = self.port { return port }
        if let serviceIndex, registry.services[serviceIndex].ports.count == 1 {
            return registry.services[serviceIndex].ports[0].number
        }
        return listenerPort
    }
}

/// A route's destinations and how traffic is split among them.
struct WeightedDestinations: Sendable {
    let destinations: [RouteDestinationRef]
    let choice: WeightedChoice

    /// Istio's rules: a single destination gets all traffic whatever its weight; with several, shares are
    /// weight / Σ weights and zero-weight destinations get none.
    init(_ destinations: [RouteDestinationRef]) {
        self.destinations = destinations
        self.choice = WeightedChoice(weights: destinations.count == 1 ? [1] : destinations.map(\.weight))
    }

    func pick(using rng: inout some RandomNumberGenerator) -> RouteDestinationRef? {
        self.choice.pick(using: &rng).map { self.destinations[$0] }
    }
}
