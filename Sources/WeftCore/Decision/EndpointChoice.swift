/// Where the balancing step sends the traffic (architecture §6 step 4).
package enum EndpointChoice: Hashable, Sendable, CustomStringConvertible {
    /// An endpoint of the route target, chosen by its balancer.
    case endpoint(ServiceEndpoint, BalancerSummary)
    /// The original destination, as the client addressed it.
    case originalDestination(DestinationAddress, OriginalDestinationReason)
    /// A workload's own address: nothing to choose.
    case workload(WorkloadDestination)
    /// The target has endpoints but none can take traffic (Envoy `UH`, "no healthy upstream").
    case noHealthyEndpoint(BalancerSummary)
    /// Nothing to balance: no route, or the route answers the request itself.
    case notChosen

    /// Why traffic goes to the original destination.
    package enum OriginalDestinationReason: Hashable, Sendable, CustomStringConvertible {
        /// The destination is unknown to the mesh and the outbound policy lets it through.
        case unknownDestination
        /// The service has `resolution: NONE`: no endpoints of its own.
        case resolutionNone
        /// The traffic policy balances with `PASSTHROUGH`.
        case passthroughBalancer

        package var description: String {
            switch self {
            case .unknownDestination: return "unknown destination (ALLOW_ANY)"
            case .resolutionNone: return "the service has resolution NONE"
            case .passthroughBalancer: return "the load balancer is PASSTHROUGH"
            }
        }
    }

    /// The chosen registry endpoint.
    package var serviceEndpoint: ServiceEndpoint? {
        if case .endpoint(let endpoint, _) = self { return endpoint }
        return nil
    }

    /// How the balancer chose, when one did.
    package var balancer: BalancerSummary? {
        switch self {
        case .endpoint(_, let summary), .noHealthyEndpoint(let summary): return summary
        default: return nil
        }
    }

    /// How the agent carries the traffic there: HBONE to endpoints in the mesh, plaintext otherwise.
    package var transport: EndpointTransport? {
        switch self {
        case .endpoint(let endpoint, _): return endpoint.transport
        case .workload(let workload): return workload.transport
        case .originalDestination: return .plaintext
        case .noHealthyEndpoint, .notChosen: return nil
        }
    }

    package var description: String {
        switch self {
        case .endpoint(let endpoint, _): return "\(endpoint) via \(endpoint.transport)"
        case .originalDestination(let address, let reason): return "\(address) as addressed (\(reason))"
        case .workload(let workload): return "\(workload.address) (\(workload.workload)) via \(workload.transport)"
        case .noHealthyEndpoint(let summary): return "none: no healthy endpoint (\(summary))"
        case .notChosen: return "none"
        }
    }
}
