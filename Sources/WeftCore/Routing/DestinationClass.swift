/// What an original destination is, the first step of every outbound decision (architecture §6.1).
package enum DestinationClass: Hashable, Sendable, CustomStringConvertible {
    /// A service VIP and declared port (or an address inside a ServiceEntry's address block).
    case service(ServiceDestination)
    /// A known workload's own address.
    case workload(WorkloadDestination)
    /// Unknown, and the outbound traffic policy is ALLOW_ANY: forward to the address as is.
    case passthrough(DestinationAddress)
    /// Unknown, and the outbound traffic policy is REGISTRY_ONLY: refuse.
    case blocked(DestinationAddress)

    /// The protocol traffic to this destination is treated as: the service port's, the port of a service that
    /// targets the workload (architecture §13), else TCP.
    package var `protocol`: ServiceProtocol {
        switch self {
        case .service(let service): return service.port.protocol
        case .workload(let workload): return workload.protocol
        case .passthrough, .blocked: return .tcp
        }
    }

    package var description: String {
        switch self {
        case .service(let service): return "service \(service)"
        case .workload(let workload): return "workload \(workload)"
        case .passthrough(let address): return "passthrough to \(address) (ALLOW_ANY)"
        case .blocked(let address): return "blocked: \(address) is unknown (REGISTRY_ONLY)"
        }
    }
}

/// A destination that is one port of a service.
package struct ServiceDestination: Hashable, Sendable, CustomStringConvertible {
    package var hostname: String
    package var namespace: String
    package var port: MeshServicePort
    /// What the client connected to.
    package var address: DestinationAddress
    let ref: ServicePortRef

    package var description: String { "\(self.hostname):\(self.port.number)" }
}

/// A destination that is a workload's own address and port.
package struct WorkloadDestination: Hashable, Sendable, CustomStringConvertible {
    package var workload: WorkloadKey
    package var address: DestinationAddress
    package var transport: EndpointTransport
    /// The identity to expect when tunnelling (HBONE only).
    package var spiffeURI: String?
    /// The service whose port targets this workload port, if one does.
    package var serviceHostname: String?
    package var servicePort: MeshServicePort?
    /// The service port's protocol when it declares one, else TCP: traffic to a workload address is L4 unless a
    /// service declares the port's protocol (architecture §13).
    package var `protocol`: ServiceProtocol

    package var description: String { "\(self.workload) at \(self.address)" }
}
