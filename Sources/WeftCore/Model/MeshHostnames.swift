/// Hostname rules shared by the registry, the snapshot compiler and the CLI.
package enum MeshHostnames {
    /// `reviews.default.svc.cluster.local`: the name of a core `v1 Service`.
    package static func kubernetesFQDN(name: String, namespace: String, clusterDomain: String) -> String {
        "\(name).\(namespace).svc.\(clusterDomain)"
    }

    /// Istio's `ResolveShortnameToFQDN` for hosts in VirtualService and DestinationRule: a name without any dot
    /// is expanded relative to the resource's namespace (`reviews` → `reviews.<ns>.svc.<domain>`); `*`, IP
    /// addresses and any name with a dot are taken as written. So `reviews.default` is *not* expanded, as in Istio.
    package static func resolve(_ host: String, namespace: String, clusterDomain: String) -> String {
        if host.isEmpty || host == "*" || host.contains(".") || IPAddress(host) != nil { return host }
        return Self.kubernetesFQDN(name: host, namespace: namespace, clusterDomain: clusterDomain)
    }

    /// Names a client in `clientNamespace` may type for a service, tried in DNS search-path order
    /// (`<ns>.svc.<domain>`, `svc.<domain>`, `<domain>`), then as written. Used to look services up by name
    /// (`weft explain --to reviews:9080`), never for VirtualService hosts.
    package static func searchCandidates(
        for name: String,
        clientNamespace: String,
        clusterDomain: String
    )
        -> [String]
    {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        let dots = trimmed.utf8.count(where: { $0 == UInt8(ascii: ".") })
        var candidates: [String] = []
        switch dots {
        case 0: candidates.append("\(trimmed).\(clientNamespace).svc.\(clusterDomain)")
        case 1: candidates.append("\(trimmed).svc.\(clusterDomain)")
        case 2 where trimmed.hasSuffix(".svc"): candidates.append("\(trimmed).\(clusterDomain)")
        default: break
        }
        candidates.append(trimmed)
        return candidates
    }

    /// True when `pattern` (a host as written in config: exact, `*.suffix`, or `*`) covers `host`.
    package static func matches(pattern: String, host: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasPrefix("*") {
            // `*.example.com` covers `a.example.com` and `a.b.example.com`, not `example.com` itself.
            let suffix = pattern.dropFirst()
            return host.count > suffix.count && host.hasSuffix(suffix)
        }
        return pattern == host
    }

    /// Orders host patterns by how specifically they name a host: exact names beat wildcards, longer wildcards
    /// beat shorter ones (Istio's `MostSpecificHostMatch`). Higher is more specific.
    package static func specificity(of pattern: String) -> Int {
        if pattern.hasPrefix("*") { return pattern.utf8.count - 1 }
        return Int.max
    }
}
