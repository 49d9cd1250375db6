/// Settings of the DNS proxy's own answers. Forwarding settings (the upstream address, its timeout) belong to the
/// server in WeftProxy and to `DNSForwarderStateMachine`.
package struct DNSResolverConfiguration: Hashable, Sendable {
    /// The cluster domain that short names expand into: `reviews` → `reviews.<ns>.svc.cluster.local`.
    /// Default `cluster.local`, as Kubernetes and Istio.
    package var clusterDomain: DNSName
    /// TTL of mesh answers. 30 s, as ztunnel (`DEFAULT_TTL_SECONDS`), so that clients notice a changed VIP soon.
    package var ttl: UInt32
    /// Cap on a UDP response when the client advertises a larger EDNS buffer. 4096 bytes, the common EDNS default
    /// (RFC 6891 §6.2.5); the proxy only talks to clients on the workload's loopback, where fragmentation is no
    /// concern.
    package var maximumUDPResponseSize: Int

    package static let defaultClusterDomain = DNSName(unchecked: [Array("cluster".utf8), Array("local".utf8)])
    package static let defaultTTL: UInt32 = 30
    package static let defaultMaximumUDPResponseSize = 4096

    package init(
        clusterDomain: DNSName = DNSResolverConfiguration.defaultClusterDomain,
        ttl: UInt32 = DNSResolverConfiguration.defaultTTL,
        maximumUDPResponseSize: Int = DNSResolverConfiguration.defaultMaximumUDPResponseSize
    ) {
        self.clusterDomain = clusterDomain
        self.ttl = ttl
        self.maximumUDPResponseSize = maximumUDPResponseSize
    }
}
