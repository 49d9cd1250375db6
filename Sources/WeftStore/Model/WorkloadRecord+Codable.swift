import WeftCore

// MARK: - Codable

/// Addresses are persisted as text (`"10.248.1.2"`, `"fd00:248::2"`) so the file reads like `weft workloads`;
/// everything else uses its own name.
extension WorkloadRecord: Codable {
    private enum CodingKeys: String, CodingKey {
        case name
        case namespace
        case serviceAccount
        case labels
        case addresses
        case node
        case capture
        case dnsCapture
        case ports
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.namespace = try container.decode(String.self, forKey: .namespace)
        self.serviceAccount = try container.decode(String.self, forKey: .serviceAccount)
        self.labels = try container.decode([String: String].self, forKey: .labels)
        var addresses: [IPAddress] = []
        for text in try container.decode([String].self, forKey: .addresses) {
            guard let address = IPAddress(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .addresses,
                    in: container,
                    debugDescription: "\"\(text)\" is not an IP address"
                )
            }
            addresses.append(address)
        }
        self.addresses = addresses
        self.node = try container.decode(String.self, forKey: .node)
        self.capture = try container.decode(WorkloadCapture.self, forKey: .capture)
        self.dnsCapture = try container.decode(Bool.self, forKey: .dnsCapture)
        self.ports = try container.decodeIfPresent([UInt16].self, forKey: .ports) ?? []
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.namespace, forKey: .namespace)
        try container.encode(self.serviceAccount, forKey: .serviceAccount)
        try container.encode(self.labels, forKey: .labels)
        try container.encode(self.addresses.map(\.description), forKey: .addresses)
        try container.encode(self.node, forKey: .node)
        try container.encode(self.capture, forKey: .capture)
        try container.encode(self.dnsCapture, forKey: .dnsCapture)
        try container.encode(self.ports, forKey: .ports)
    }
}
