/// How traffic to a destination is handled (architecture §6 step 2): as HTTP, routed per request by `http[]`
/// rules, or as opaque TCP, routed per connection by `tcp[]` rules.
package struct ProtocolChoice: Hashable, Sendable, CustomStringConvertible {
    package enum Handling: String, Hashable, Sendable {
        case http
        case tcp
    }

    /// Why traffic is handled the way it is.
    package enum Basis: Hashable, Sendable {
        /// The service port declares the protocol (name prefix or `appProtocol`).
        case declared
        /// The port declares none: detected from the first bytes (HTTP when a request head was read).
        case detected
        /// A workload's own address whose port no service declares: L4 (architecture §13).
        case workloadAddress
        /// The destination is unknown to the mesh: its bytes are relayed.
        case unknownDestination
        /// The port is HTTP but the decision is for the connection, before any request is read.
        case connectionLevel
    }

    /// The protocol of the port as declared (`UnsupportedProtocol` when nothing is declared).
    package var declared: ServiceProtocol
    package var handling: Handling
    package var basis: Basis

    package init(declared: ServiceProtocol, handling: Handling, basis: Basis) {
        self.declared = declared
        self.handling = handling
        self.basis = basis
    }

    /// Istio's rules: a declared HTTP family protocol is HTTP, a declared opaque one is TCP, an undeclared one is
    /// detected; a workload address is L4 unless a service declares its port; unknown destinations are TCP.
    package init(for destination: DestinationClass, hasRequest: Bool) {
        let declared = destination.protocol
        switch destination {
        case .passthrough, .blocked:
            self.init(declared: .tcp, handling: .tcp, basis: .unknownDestination)
        case .workload(let workload) where workload.servicePort == nil || declared == .tcp:
            self.init(declared: declared, handling: .tcp, basis: .workloadAddress)
        case .service(let service) where service.port.protocol.needsDetection:
            self.init(declared: declared, handling: hasRequest ? .http : .tcp, basis: .detected)
        default:
            if declared.isHTTP {
                self.init(
                    declared: declared,
                    handling: hasRequest ? .http : .tcp,
                    basis: hasRequest ? .declared : .connectionLevel
                )
            } else {
                self.init(declared: declared, handling: .tcp, basis: .declared)
            }
        }
    }

    /// `HTTP (declared by the port)`, `TCP (detected: …)`.
    package var description: String {
        let name = self.handling == .http ? "HTTP" : "TCP"
        switch self.basis {
        case .declared:
            return "\(name) (declared \(self.declared))"
        case .detected:
            return self.handling == .http
                ? "HTTP (detected: the port declares no protocol and the client sent an HTTP request)"
                : "TCP (detected: the port declares no protocol and no HTTP request was seen)"
        case .workloadAddress:
            return "TCP (a workload address whose port no service declares a protocol for)"
        case .unknownDestination:
            return "TCP (unknown destination: bytes are relayed)"
        case .connectionLevel:
            return "TCP for now (declared \(self.declared): each request is routed once its head is read)"
        }
    }
}
