import WeftCore
import Yams

/// Reads the offline workload registry of `weft explain -f CONFIG --registry REGISTRY.yaml`: YAML documents whose
/// `workloads:` list holds the workloads an agent would have enrolled.
///
/// ```yaml
/// workloads:
///   - name: reviews-v1
///     namespace: default               # default: default
///     serviceAccount: bookinfo-reviews # default: the workload name, as `weft enroll`
///     labels: {app: reviews, version: v1}
///     ip: 10.248.1.21                  # or ips: [10.248.1.21, fd00:248::21]
///     node: node-a
///     locality: us-east/zone-a
///     health: healthy                  # or unhealthy
/// ```
///
/// Errors use the config error format without a resource: `registry.yaml: document 1: workloads[2].ip: "10.0.0" is
/// not an IP address`. Unknown fields are errors, like everywhere else.
package enum RegistryDecoder {
    /// Decodes every document of every source; the registry holds the valid workloads, in file order.
    package static func decode(_ sources: [ConfigSource]) -> RegistryResult {
        var workloads: [Workload] = []
        var diagnostics = ConfigDiagnostics()
        var keys: [WorkloadKey: String] = [:]
        var addresses: [IPAddress: WorkloadKey] = [:]
        for source in sources {
            guard let documents = YAMLDocuments.parse(source, diagnostics: &diagnostics) else { continue }
            for (offset, value) in documents.enumerated() where !value.isNull {
                let context = DecodingContext(file: source.name, document: offset + 1)
                guard let top = FieldReader(value, at: .root, context: context) else {
                    diagnostics.append(contentsOf: context.diagnostics)
                    continue
                }
                let entries = top.objectList("workloads") { reader in
                    let errorsBefore = context.errorCount
                    let workload = Self.workload(reader)
                    return context.errorCount == errorsBefore ? workload.map { ($0, reader.path) } : nil
                }
                top.finish()
                for (workload, path) in entries ?? [] {
                    if let first = keys[workload.key] {
                        context.error(
                            .duplicate,
                            at: path.appending("name"),
                            "workload \(workload.key) is declared twice (first at \(first))"
                        )
                        continue
                    }
                    if let address = workload.addresses.first(where: { addresses[$0] != nil }) {
                        context.error(
                            .duplicate,
                            at: path.appending(workload.addresses.count == 1 ? "ip" : "ips"),
                            "address \(address) already belongs to workload \(addresses[address]!)"
                        )
                        continue
                    }
                    keys[workload.key] = "\(source.name): document \(offset + 1): \(path)"
                    for address in workload.addresses { addresses[address] = workload.key }
                    workloads.append(workload)
                }
                diagnostics.append(contentsOf: context.diagnostics)
            }
        }
        return RegistryResult(registry: WorkloadRegistry(workloads), diagnostics: diagnostics)
    }

    /// One `workloads[]` entry; nil when a required part is missing or invalid (already reported).
    private static func workload(_ reader: FieldReader) -> Workload? {
        let name = reader.string("name", required: true)
        if let name, !Names.isDNSSubdomain(name) {
            reader.error("name", "\"\(name)\" is not a valid workload name (lower-case letters, digits, '-' and '.')")
        }
        let namespace = reader.string("namespace") ?? "default"
        if !Names.isDNSLabel(namespace) {
            reader.error("namespace", "\"\(namespace)\" is not a valid namespace (a DNS label: a-z, 0-9, '-')")
        }
        let serviceAccount = reader.string("serviceAccount")
        if let serviceAccount, !Names.isDNSSubdomain(serviceAccount) {
            reader.error(
                "serviceAccount",
                "\"\(serviceAccount)\" is not a valid service account name (lower-case letters, digits, '-' and '.')"
            )
        }
        let labels = LabelsDecoding.labels(reader, "labels") ?? [:]
        var addresses: [IPAddress] = []
        switch reader.oneOf(["ip", "ips"], required: true, what: "the workload's address") {
        case "ip":
            if let text = reader.string("ip") {
                if let address = IPAddress(text) {
                    addresses = [address]
                } else {
                    reader.error("ip", "\"\(text)\" is not an IP address")
                }
            }
        case "ips":
            let errorsBefore = reader.context.errorCount
            let list =
                reader.list("ips") { value, path -> IPAddress? in
                    guard let text = ScalarReading.string(value, at: path, context: reader.context) else { return nil }
                    guard let address = IPAddress(text) else {
                        reader.context.error(.invalidValue, at: path, "\"\(text)\" is not an IP address")
                        return nil
                    }
                    return address
                } ?? []
            if list.isEmpty && reader.context.errorCount == errorsBefore {
                reader.error("ips", "must list at least one address", code: .missingField)
            }
            addresses = list
        default:
            reader.ignore("ip")
            reader.ignore("ips")
        }
        let node = reader.string("node")
        var locality: WorkloadLocality?
        if let text = reader.string("locality") {
            locality = WorkloadLocality(parsing: text)
            if locality == nil { reader.error("locality", "must not be empty (region/zone/subzone)") }
        }
        let health = reader.enumValue("health", as: WorkloadHealth.self) ?? .healthy
        guard let name else { return nil }
        return Workload(
            name: name,
            namespace: namespace,
            serviceAccount: serviceAccount ?? name,
            labels: labels,
            addresses: addresses,
            node: node,
            locality: locality,
            health: health
        )
    }
}

/// The workloads read from registry files, and every problem found.
package struct RegistryResult: Hashable, Sendable {
    package var registry: WorkloadRegistry
    package var diagnostics: ConfigDiagnostics

    package init(registry: WorkloadRegistry, diagnostics: ConfigDiagnostics) {
        self.registry = registry
        self.diagnostics = diagnostics
    }
}
