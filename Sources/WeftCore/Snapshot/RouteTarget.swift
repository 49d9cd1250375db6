/// Where routed traffic goes: one service port, optionally narrowed to a subset, with the endpoints to balance
/// over and the traffic policy that applies. This is where routing stops and balancing starts: the balancer picks
/// among `endpoints` (healthy ones unless it panics) following `trafficPolicy.loadBalancer`.
///
/// An immutable class rather than a struct: targets are precomputed per snapshot and every plan that names one
/// shares it, so handing a target to a plan costs one reference count, not a copy of every field (the L4 path
/// must not allocate and should not copy). Equality and hashing are by value.
package final class RouteTarget: Hashable, Sendable, CustomStringConvertible {
    package let hostname: String
    package let serviceNamespace: String
    package let port: Int
    package let subset: String?
    /// Every endpoint of the service port (and subset), healthy or not.
    package let endpoints: [ServiceEndpoint]
    package let trafficPolicy: ResolvedTrafficPolicy
    /// The DestinationRule the policy and subset come from; nil when none applies.
    package let destinationRule: ResourceID?
    /// `passthrough`: connect to the original destination instead of an endpoint.
    package let resolution: MeshService.Resolution

    package init(
        hostname: String,
        serviceNamespace: String,
        port: Int,
        subset: String? = nil,
        endpoints: [ServiceEndpoint],
        trafficPolicy: ResolvedTrafficPolicy = .defaults,
        destinationRule: ResourceID? = nil,
        resolution: MeshService.Resolution = .endpoints
    ) {
        self.hostname = hostname
        self.serviceNamespace = serviceNamespace
        self.port = port
        self.subset = subset
        self.endpoints = endpoints
        self.trafficPolicy = trafficPolicy
        self.destinationRule = destinationRule
        self.resolution = resolution
    }

    package static func == (lhs: RouteTarget, rhs: RouteTarget) -> Bool {
        lhs === rhs
            || (lhs.hostname == rhs.hostname && lhs.serviceNamespace == rhs.serviceNamespace && lhs.port == rhs.port
                && lhs.subset == rhs.subset && lhs.endpoints == rhs.endpoints && lhs.trafficPolicy == rhs.trafficPolicy
                && lhs.destinationRule == rhs.destinationRule && lhs.resolution == rhs.resolution)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.hostname)
        hasher.combine(self.port)
        hasher.combine(self.subset)
        hasher.combine(self.endpoints)
    }

    /// `reviews.default.svc.cluster.local:9080 subset v2`.
    package var description: String {
        "\(self.hostname):\(self.port)" + (self.subset.map { " subset \($0)" } ?? "")
    }
}
