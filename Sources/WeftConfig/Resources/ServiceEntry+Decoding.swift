import WeftCore

extension ServiceEntry {
    /// Decodes and validates a `networking.istio.io` ServiceEntry spec with Istio's rules (`ValidateServiceEntry`,
    /// ztunnel.md §7.3): hosts required and not `*`; CIDR addresses only with NONE or STATIC resolution; NONE has
    /// no endpoints; STATIC endpoints are IP addresses; endpoint ports name declared ports.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        self.hosts = Self.hosts(spec)
        // Blocks written with a prefix length, remembered for the resolution rule below.
        var blocks: [(path: FieldPath, text: String)] = []
        self.addresses =
            spec.list("addresses") { value, path -> CIDR? in
                guard let text = ScalarReading.string(value, at: path, context: spec.context) else { return nil }
                do throws(CIDR.ParseError) {
                    let block = try CIDR(parsing: text)
                    if text.contains("/") { blocks.append((path, text)) }
                    return block
                } catch {
                    spec.context.error(.invalidValue, at: path, error.description)
                    return nil
                }
            } ?? []
        self.ports = ServiceEntryPortDecoding.ports(spec)
        if let location = spec.enumValue("location", as: Location.self) { self.location = location }
        if let resolution = spec.enumValue("resolution", as: Resolution.self) { self.resolution = resolution }
        _ = spec.oneOf(["endpoints", "workloadSelector"])
        self.workloadSelector = spec.object("workloadSelector") { reader in
            let selector = SelectorDecoding.labelsSelector(reader)
            if selector.matchLabels.isEmpty {
                reader.context.warning(
                    .deprecated,
                    at: reader.path,
                    "has no labels, so it selects every workload in the namespace"
                )
            }
            return selector
        }
        let portNames = Set(self.ports.map(\.name))
        let addressRule: WorkloadEntrySpecDecoding.AddressRule =
            self.resolution == .static
            ? .ipOnly(because: "resolution STATIC needs IP addresses; use DNS for host names") : .ipOrHostName
        self.endpoints =
            spec.objectList("endpoints") {
                WorkloadEntrySpecDecoding.spec($0, addresses: addressRule, servicePortNames: portNames)
            } ?? []
        self.exportTo = ExportToList.decode(spec, namespace: metadata.namespace, allowNone: true) ?? []
        self.subjectAltNames = spec.stringList("subjectAltNames") ?? []
        self.checkResolution(spec, blocks: blocks)
    }

    /// `hosts`: at least one; each a host name that may start with a wildcard label, but never `*` alone.
    private static func hosts(_ spec: FieldReader) -> [String] {
        guard let hosts = spec.stringList("hosts") else {
            if !spec.has("hosts") { spec.missing("hosts") }
            return []
        }
        if hosts.isEmpty { spec.error("hosts", "must list at least one host", code: .missingField) }
        for (index, host) in hosts.enumerated() {
            let path = spec.field("hosts").appending(index: index)
            if host == "*" {
                spec.context.error(
                    .invalidValue,
                    at: path,
                    "\"*\" is not allowed: a ServiceEntry adds named hosts to the registry"
                )
            } else if let problem = IstioHostSyntax.wildcardHostProblem(host) {
                spec.context.error(.invalidValue, at: path, problem)
            }
        }
        return hosts
    }

    /// The rules that tie `resolution` to addresses, endpoints, hosts and ports.
    private func checkResolution(_ spec: FieldReader, blocks: [(path: FieldPath, text: String)]) {
        let resolution = self.resolution.rawValue
        if self.resolution == .dns || self.resolution == .dnsRoundRobin {
            for block in blocks {
                spec.context.error(
                    .invalidValue,
                    at: block.path,
                    "CIDR block \"\(block.text)\" needs resolution NONE or STATIC (resolution is \(resolution))"
                )
            }
        }
        switch self.resolution {
        case .none:
            if Self.listCount(spec) > 0 {
                spec.error(
                    "endpoints",
                    "must be empty when resolution is NONE (traffic goes to the address the client dialled)"
                )
            }
            if self.workloadSelector != nil {
                spec.warning("workloadSelector", "has no effect when resolution is NONE")
            }
            for (index, port) in self.ports.enumerated() where port.targetPort != nil {
                spec.context.warning(
                    .deprecated,
                    at: spec.field("ports").appending(index: index).appending("targetPort"),
                    "has no effect when resolution is NONE (traffic goes to the port the client dialled)"
                )
            }
        case .static:
            break
        case .dns, .dnsRoundRobin:
            if Self.listCount(spec) == 0 {
                for (index, host) in self.hosts.enumerated() where host.contains("*") && host != "*" {
                    spec.context.error(
                        .invalidValue,
                        at: spec.field("hosts").appending(index: index),
                        "wildcard host \"\(host)\" cannot be resolved with resolution \(resolution): list endpoints or use NONE"
                    )
                }
            }
            if self.resolution == .dnsRoundRobin && Self.listCount(spec) > 1 {
                spec.error("endpoints", "resolution DNS_ROUND_ROBIN allows at most one endpoint")
            }
            if self.workloadSelector != nil {
                spec.warning("workloadSelector", "has no effect when resolution is \(resolution)")
            }
        }
        // With several hosts, only HTTP (Host header) or TLS (SNI) tells them apart on one port.
        if self.resolution != .none && self.hosts.count > 1 {
            for (index, port) in self.ports.enumerated() where !ServiceEntryPortDecoding.separatesHosts(port) {
                spec.context.error(
                    .invalidValue,
                    at: spec.field("ports").appending(index: index),
                    "port \(port.number) (\(port.protocolName ?? "no protocol")) cannot tell \(self.hosts.count) hosts apart: use an HTTP or TLS protocol, one host, or resolution NONE"
                )
            }
        }
    }

    /// How many items `endpoints` has as written (decoding may have dropped broken ones).
    private static func listCount(_ spec: FieldReader) -> Int {
        guard case .sequence(let items, _) = spec.raw("endpoints") else { return 0 }
        return items.count
    }
}
