import WeftCore

/// Reads ServiceEntry `ports[]`: `number` and `name` required and unique, `protocol` one of Istio's names in any
/// case (stored upper-cased), `targetPort` 1–65535.
enum ServiceEntryPortDecoding {
    /// Istio's protocol names (`pkg/config/protocol` `Parse`, which ignores case), upper-cased.
    static let protocols = [
        "HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY", "TLS", "TCP", "UDP", "MONGO", "MYSQL", "REDIS",
    ]
    /// Protocols whose requests name their host (Host header or SNI), so one port can serve several hosts.
    static let hostAwareProtocols: Set<String> = ["HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY", "TLS"]

    static func ports(_ spec: FieldReader) -> [ServicePort] {
        var firstByName: [String: FieldPath] = [:]
        var firstByNumber: [Int: FieldPath] = [:]
        return spec.objectList("ports") { reader -> ServicePort? in
            let port = Self.port(reader)
            if let number = port.number == 0 ? nil : port.number {
                if let first = firstByNumber[number] {
                    reader.error("number", "port \(number) is already declared by \(first)")
                } else {
                    firstByNumber[number] = reader.path
                }
            }
            if !port.name.isEmpty {
                if let first = firstByName[port.name] {
                    reader.error("name", "port name \"\(port.name)\" is already used by \(first)")
                } else {
                    firstByName[port.name] = reader.path
                }
            }
            return port
        } ?? []
    }

    private static func port(_ reader: FieldReader) -> ServicePort {
        var port = ServicePort()
        if let number = reader.int("number", in: 1...65535, required: true) { port.number = number }
        if let protocolName = reader.string("protocol") {
            let upper = protocolName.uppercased()
            if Self.protocols.contains(upper) {
                port.protocolName = upper
            } else {
                reader.error(
                    "protocol",
                    "\"\(protocolName)\" is not a protocol Istio knows (\(Self.protocols.joined(separator: ", ")))"
                )
            }
        }
        if let name = reader.string("name", required: true) {
            if !IstioHostSyntax.isLabel(Substring(name)) {
                reader.error("name", "\"\(name)\" is not a valid port name (a DNS label: letters, digits and '-')")
            }
            port.name = name
        }
        // 0 is protobuf's "unset", which Istio accepts.
        if let target = reader.int("targetPort", in: 0...65535), target > 0 { port.targetPort = target }
        return port
    }

    /// Whether requests on `port` carry their host name, so several hosts can share it.
    static func separatesHosts(_ port: ServicePort) -> Bool {
        port.protocolName.map { Self.hostAwareProtocols.contains($0) } ?? false
    }
}
