import WeftCore

/// Reads core Service `ports[]` with Kubernetes' rules: `port` required, names DNS labels (required and unique when
/// there is more than one port), `targetPort` a number or an IANA service name, `protocol` TCP (the default).
enum KubernetesServicePortDecoding {
    enum TransportProtocol: String, CaseIterable {
        case tcp = "TCP"
        case udp = "UDP"
        case sctp = "SCTP"
    }

    static func ports(_ spec: FieldReader) -> [ServicePort] {
        let count: Int
        if case .sequence(let items, _) = spec.raw("ports") { count = items.count } else { count = 0 }
        var firstByName: [String: FieldPath] = [:]
        var firstByNumber: [Int: FieldPath] = [:]
        return spec.objectList("ports") { reader -> ServicePort? in
            let port = Self.port(reader, named: count > 1)
            if port.number != 0 {
                if let first = firstByNumber[port.number] {
                    reader.error("port", "port \(port.number) is already declared by \(first)")
                } else {
                    firstByNumber[port.number] = reader.path
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

    /// `named`: the Service has several ports, so each needs a name.
    private static func port(_ reader: FieldReader, named: Bool) -> ServicePort {
        var port = ServicePort()
        if let name = reader.string("name") {
            if !Names.isDNSLabel(name) {
                reader.error("name", "\"\(name)\" is not a valid port name (a DNS label: a-z, 0-9, '-')")
            }
            port.name = name
        } else if named && !reader.has("name") {
            reader.missing("name", "a Service with several ports must name each one")
        }
        if let number = reader.int("port", in: 1...65535, required: true) { port.number = number }
        Self.readTargetPort(reader, into: &port)
        if let transport = reader.enumValue("protocol", as: TransportProtocol.self), transport != .tcp {
            reader.error(
                "protocol",
                "\(transport.rawValue) is not supported: the mesh carries TCP only",
                code: .unsupported
            )
        }
        port.appProtocol = reader.string("appProtocol")
        if reader.has("nodePort") {
            _ = reader.int("nodePort", in: 0...65535)
            reader.warning("nodePort", "ignored: Weft has no node ports (it serves ClusterIP services only)")
        } else {
            reader.ignore("nodePort")
        }
        return port
    }

    /// `targetPort`: a number (1–65535) or the name of a port on the selected workloads.
    private static func readTargetPort(_ reader: FieldReader, into port: inout ServicePort) {
        guard let value = reader.raw("targetPort") else { return }
        let path = reader.field("targetPort")
        if case .scalar(_, .int, _) = value {
            port.targetPort = ScalarReading.int(value, in: 1...65535, at: path, context: reader.context)
            return
        }
        guard let name = ScalarReading.string(value, at: path, context: reader.context) else { return }
        if Self.isServiceName(name) {
            port.targetPortName = name
        } else {
            reader.context.error(
                .invalidValue,
                at: path,
                "\"\(name)\" is not a port number or a port name (up to 15 of a-z, 0-9 and '-', with a letter)"
            )
        }
    }

    /// An IANA service name as Kubernetes checks it: 1–15 of `a-z 0-9 -`, at least one letter, no `-` at either
    /// end, no `--`.
    static func isServiceName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...15).contains(bytes.count), bytes.first != 45, bytes.last != 45, !text.contains("--") else {
            return false
        }
        let isLetter = { (byte: UInt8) in byte >= 97 && byte <= 122 }
        guard bytes.contains(where: isLetter) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
