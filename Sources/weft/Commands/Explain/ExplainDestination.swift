import WeftCore

/// The destination of `weft explain`, resolved: `HOST[:PORT]` names a service (short forms from the source's
/// namespace, a missing port meaning the service's only port), `IP:PORT` / `[IPv6]:PORT` an address that is
/// classified as the data plane would classify an original destination.
struct ExplainDestination {
    /// Where the client connects.
    var address: DestinationAddress
    var classification: DestinationClass
    /// What an HTTP client puts in `:authority` / `Host`: the destination as typed.
    var authority: String

    static func resolve(
        _ text: String,
        from source: Workload,
        in snapshot: MeshSnapshot
    ) throws(ExplainFailure) -> ExplainDestination {
        let (host, port) = try Self.split(text)
        if let address = IPAddress(host) {
            guard let port else {
                throw ExplainFailure("destination \"\(text)\": an IP address needs a port (IP:PORT)")
            }
            let destination = DestinationAddress(address, port)
            return ExplainDestination(
                address: destination,
                classification: snapshot.classify(destination, from: TrafficSource(workload: source)),
                authority: text
            )
        }
        guard let service = snapshot.service(named: host, from: source.namespace) else {
            throw ExplainFailure(
                "destination \"\(text)\": no service named \"\(host)\" from namespace \(source.namespace) "
                    + "(services: \(snapshot.services.map(\.hostname).joined(separator: ", ")))"
            )
        }
        guard service.exportScope.isVisible(from: source.namespace) else {
            throw ExplainFailure(
                "destination \"\(text)\": service \(service.hostname) is not exported to namespace \(source.namespace)"
            )
        }
        let ports = service.ports.map(\.description).joined(separator: ", ")
        let chosen: Int
        if let port {
            guard service.port(port) != nil else {
                throw ExplainFailure(
                    "destination \"\(text)\": service \(service.hostname) has no port \(port) (ports: \(ports))"
                )
            }
            chosen = port
        } else if service.ports.count == 1 {
            chosen = service.ports[0].number
        } else {
            throw ExplainFailure(
                "destination \"\(text)\": service \(service.hostname) has several ports (\(ports)); give one as HOST:PORT"
            )
        }
        guard let destination = snapshot.destination(service: service.hostname, port: chosen) else {
            throw ExplainFailure("destination \"\(text)\": service \(service.hostname) has no port \(chosen)")
        }
        return ExplainDestination(
            address: destination.address,
            classification: .service(destination),
            authority: text
        )
    }

    /// `host`, `host:80`, `10.0.0.1:80`, `[fd00::1]:80`, `fd00::1` (no port).
    static func split(_ text: String) throws(ExplainFailure) -> (host: String, port: Int?) {
        func port(_ digits: Substring) throws(ExplainFailure) -> Int {
            guard let number = Int(digits), (1...65535).contains(number), digits.allSatisfy(\.isASCII) else {
                throw ExplainFailure("destination \"\(text)\": \"\(digits)\" is not a port (1-65535)")
            }
            return number
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw ExplainFailure("destination \"\(text)\": missing \"]\" after the IPv6 address")
            }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw ExplainFailure("destination \"\(text)\": an IP address needs a port ([IPv6]:PORT)")
            }
            return (host, try port(rest.dropFirst()))
        }
        if text.isEmpty { throw ExplainFailure("the destination is empty (give HOST[:PORT] or IP:PORT)") }
        let colons = text.count(where: { $0 == ":" })
        // A bare IPv6 address has several colons and no port.
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return (text, nil) }
        return (String(text[..<colon]), try port(text[text.index(after: colon)...]))
    }
}
