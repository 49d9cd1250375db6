import WeftCore

/// The mesh hostnames the DNS proxy answers itself, with their virtual IPs: an immutable snapshot the agent rebuilds
/// from its services (Kubernetes `Service` hostnames such as `reviews.default.svc.cluster.local`, ServiceEntry hosts
/// including wildcards such as `*.example.com`) and swaps whenever the configuration changes.
///
/// Names are compared case-insensitively. A hostname may be declared in several namespaces (two ServiceEntries for
/// `api.example.com`); a lookup prefers the asking workload's namespace, then the alphabetically first one. A host
/// without any address is left out, so queries for it are forwarded upstream, as ztunnel does for services without
/// a VIP.
package struct DNSNameTable: Sendable {
    /// One service hostname in one namespace.
    package struct Entry: Hashable, Sendable {
        /// `reviews.default.svc.cluster.local`, `api.example.com` or `*.example.com`; a trailing dot is allowed.
        package var hostname: String
        /// The namespace that declares the service.
        package var namespace: String
        /// The VIPs, in the order answers list them.
        package var addresses: [IPAddress]

        package init(hostname: String, namespace: String, addresses: [IPAddress]) {
            self.hostname = hostname
            self.namespace = namespace
            self.addresses = addresses
        }
    }

    /// A host's addresses as declared by one namespace.
    struct Declaration: Hashable, Sendable {
        var namespace: String
        var addresses: [IPAddress]
    }

    /// Exact hostnames (lowercased) → declarations sorted by namespace.
    private var exact: [DNSName: [Declaration]] = [:]
    /// Wildcard hostnames by the suffix after `*.` (lowercased) → declarations sorted by namespace.
    private var wildcards: [DNSName: [Declaration]] = [:]
    /// Entries whose hostname is not a valid DNS name (or is a bare `*`); the agent logs them.
    package private(set) var rejected: [Entry] = []

    /// An empty table: every query is forwarded.
    package init() {}

    /// Builds the table. Entries for the same hostname and namespace are merged (addresses deduplicated, first
    /// occurrence first).
    package init(_ entries: [Entry]) {
        var exact: [DNSName: [String: [IPAddress]]] = [:]
        var wildcards: [DNSName: [String: [IPAddress]]] = [:]
        for entry in entries {
            guard let name = try? DNSName(parsing: entry.hostname), !name.labels.isEmpty else {
                self.rejected.append(entry)
                continue
            }
            let key = name.lowercased()
            if key.labels[0] == Array("*".utf8) {
                guard key.labels.count > 1 else {
                    self.rejected.append(entry)
                    continue
                }
                wildcards[key.dropFirst(1), default: [:]][entry.namespace, default: []] += entry.addresses
            } else {
                exact[key, default: [:]][entry.namespace, default: []] += entry.addresses
            }
        }
        self.exact = exact.compactMapValues(Self.declarations)
        self.wildcards = wildcards.compactMapValues(Self.declarations)
    }

    /// Addresses for an exact hostname, as seen from `namespace`.
    func exactMatch(_ name: DNSName, namespace: String) -> [IPAddress]? {
        self.exact[name.lowercased()].flatMap { Self.preferred($0, namespace: namespace) }
    }

    /// Addresses for the wildcard `*.<suffix>`, as seen from `namespace`.
    func wildcardMatch(suffix: DNSName, namespace: String) -> [IPAddress]? {
        self.wildcards[suffix.lowercased()].flatMap { Self.preferred($0, namespace: namespace) }
    }

    /// Number of distinct hostnames (exact and wildcard).
    package var count: Int { self.exact.count + self.wildcards.count }

    private static func declarations(_ byNamespace: [String: [IPAddress]]) -> [Declaration]? {
        let declarations =
            byNamespace
            .map { Declaration(namespace: $0.key, addresses: Self.deduplicated($0.value)) }
            .filter { !$0.addresses.isEmpty }
            .sorted { $0.namespace < $1.namespace }
        return declarations.isEmpty ? nil : declarations
    }

    private static func preferred(_ declarations: [Declaration], namespace: String) -> [IPAddress]? {
        (declarations.first { $0.namespace == namespace } ?? declarations.first)?.addresses
    }

    private static func deduplicated(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen = Set<IPAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
