/// Where an endpoint is reached: an IP address, or a DNS name resolved when connecting (ServiceEntry `DNS`).
package enum EndpointAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case ip(IPAddress)
    case dns(String)

    package var description: String {
        switch self {
        case .ip(let address): return address.description
        case .dns(let name): return name
        }
    }

    package var ipAddress: IPAddress? {
        if case .ip(let address) = self { return address }
        return nil
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.ip(let a), .ip(let b)): return a < b
        case (.dns(let a), .dns(let b)): return a < b
        case (.ip, .dns): return true
        case (.dns, .ip): return false
        }
    }
}

/// How the agent carries a connection to an endpoint.
package enum EndpointTransport: String, Hashable, Sendable, CustomStringConvertible {
    /// mTLS + HTTP/2 CONNECT to `address:15008`, `:authority address:port` (ztunnel.md §2.4).
    case hbone
    /// Plain TCP to `address:port`: the endpoint is outside the mesh.
    case plaintext

    package var description: String { self.rawValue }
}

/// One endpoint of one service port: an address and the port the workload listens on, with what balancers and
/// the tunnel need to know about it.
package struct ServiceEndpoint: Hashable, Sendable, CustomStringConvertible {
    package var address: EndpointAddress
    /// The port to connect to (the service port's target port, or the endpoint's override).
    package var port: Int
    /// The service port this endpoint serves.
    package var servicePort: Int
    /// The workload behind it; nil for a ServiceEntry's inline endpoint or a DNS name.
    package var workload: WorkloadKey?
    package var labels: [String: String]
    /// The identity the endpoint must present (SPIFFE ID); nil when not known (plaintext, DNS).
    package var spiffeURI: String?
    package var locality: WorkloadLocality?
    package var network: String?
    package var health: WorkloadHealth
    /// Relative load-balancing weight, ≥ 1.
    package var weight: Int
    package var transport: EndpointTransport

    package init(
        address: EndpointAddress,
        port: Int,
        servicePort: Int,
        workload: WorkloadKey? = nil,
        labels: [String: String] = [:],
        spiffeURI: String? = nil,
        locality: WorkloadLocality? = nil,
        network: String? = nil,
        health: WorkloadHealth = .healthy,
        weight: Int = 1,
        transport: EndpointTransport
    ) {
        self.address = address
        self.port = port
        self.servicePort = servicePort
        self.workload = workload
        self.labels = labels
        self.spiffeURI = spiffeURI
        self.locality = locality
        self.network = network
        self.health = health
        self.weight = weight
        self.transport = transport
    }

    package var description: String {
        let target: String
        if case .ip(.v6(_)) = self.address {
            target = "[\(self.address)]:\(self.port)"
        } else {
            target = "\(self.address):\(self.port)"
        }
        return self.workload.map { "\(target) (\($0))" } ?? target
    }
}
