import WeftCore

/// A mesh name found for a query.
struct DNSMeshMatch: Hashable, Sendable {
    /// All addresses of the host (both families); the answer picks the asked one.
    var addresses: [IPAddress]
    /// Set when the host was found by removing a search domain from the asked name (and not through a wildcard):
    /// the number of leading labels of the asked name that form the name actually found. The answer then adds a
    /// CNAME from the asked name to that shorter one.
    var strippedLabelCount: Int?
}

/// One spelling of the asked name to look up.
struct DNSAlias: Hashable, Sendable {
    var name: DNSName
    /// See `DNSMeshMatch.strippedLabelCount`.
    var strippedLabelCount: Int?
}

extension DNSResolver {
    /// Looks the asked name up under each alias in turn; for each alias the exact hostname first, then wildcard
    /// hosts from the most to the least specific (`*.ns1.svc.cluster.local` … `*.local`), as ztunnel's
    /// `find_server` and `get_wildcards`.
    func meshMatch(for name: DNSName, namespace: String) -> DNSMeshMatch? {
        for alias in self.aliases(for: name, namespace: namespace) {
            if let addresses = self.names.exactMatch(alias.name, namespace: namespace) {
                return DNSMeshMatch(addresses: addresses, strippedLabelCount: alias.strippedLabelCount)
            }
            for dropped in 1..<max(alias.name.labels.count, 1) {
                if let addresses = self.names.wildcardMatch(suffix: alias.name.dropFirst(dropped), namespace: namespace)
                {
                    return DNSMeshMatch(addresses: addresses, strippedLabelCount: nil)
                }
            }
        }
        return nil
    }

    /// The names a query may mean, from the asking workload's point of view (ztunnel `get_aliases`), in order and
    /// without repeats:
    /// 1. the name as asked;
    /// 2. its Kubernetes expansion: `svc` → `svc.<ns>.svc.<domain>`, `svc.ns` → `svc.ns.svc.<domain>`,
    ///    `svc.ns.svc` → `svc.ns.svc.<domain>`;
    /// 3. for each search domain of a Kubernetes pod (`<ns>.svc.<domain>`, `svc.<domain>`, `<domain>`) that the
    ///    name ends with, the name without it, and that name's expansion. A client whose resolver appended its
    ///    search path to an already qualified name (`reviews.default.svc.cluster.local.default.svc.cluster.local`)
    ///    so gets the answer in one round trip instead of a chain of NXDOMAINs.
    func aliases(for name: DNSName, namespace: String) -> [DNSAlias] {
        let domain = self.configuration.clusterDomain
        let svc = DNSName(unchecked: [Array("svc".utf8)])
        guard let svcDomain = svc.appending(domain) else { return [DNSAlias(name: name, strippedLabelCount: nil)] }
        let namespaceLabel = try? DNSName(parsing: namespace)
        let namespacedDomain = namespaceLabel.flatMap { $0.labels.count == 1 ? $0.appending(svcDomain) : nil }

        func expansions(of name: DNSName) -> [DNSName] {
            switch name.labels.count {
            case 1: return [namespacedDomain.flatMap { name.appending($0) }].compactMap { $0 }
            case 2: return [name.appending(svcDomain)].compactMap { $0 }
            case 3 where DNSName.labelsEqualIgnoringCase(name.labels[2], svc.labels[0]):
                return [name.appending(domain)].compactMap { $0 }
            default: return []
            }
        }

        var result: [DNSAlias] = []
        var seen = Set<DNSName>()
        func add(_ candidate: DNSName, stripped: Int?) {
            if seen.insert(candidate.lowercased()).inserted {
                result.append(DNSAlias(name: candidate, strippedLabelCount: stripped))
            }
        }
        add(name, stripped: nil)
        for expanded in expansions(of: name) { add(expanded, stripped: nil) }
        for searchDomain in [namespacedDomain, svcDomain, domain].compactMap({ $0 })
        where name.hasProperSuffix(searchDomain) {
            let kept = name.labels.count - searchDomain.labels.count
            let stripped = name.prefix(kept)
            add(stripped, stripped: kept)
            for expanded in expansions(of: stripped) { add(expanded, stripped: kept) }
        }
        return result
    }
}
