/// The labels of the DNS proxy's metrics (ztunnel `DnsLabels`), in ztunnel's order.
package struct DNSLabels: Hashable, Sendable {
    /// The query type in lower case: `a`, `aaaa`, `srv`…
    package var queryType: String
    /// The transport the query came over: `udp` or `tcp`.
    package var transport: String
    /// The querying workload's canonical service, when the query came from an enrolled workload.
    package var sourceCanonicalService: String?
    package var sourceCanonicalRevision: String?

    package init(
        queryType: String,
        transport: String,
        sourceCanonicalService: String? = nil,
        sourceCanonicalRevision: String? = nil
    ) {
        self.queryType = queryType
        self.transport = transport
        self.sourceCanonicalService = sourceCanonicalService
        self.sourceCanonicalRevision = sourceCanonicalRevision
    }

    /// `request_query_type`, `request_protocol`, `source_canonical_service`, `source_canonical_revision`.
    package var labelPairs: [(String, String)] {
        [
            (IstioLabelNames.requestQueryType, self.queryType.lowercased()),
            (IstioLabelNames.requestProtocol, self.transport.lowercased()),
            (IstioLabelNames.sourceCanonicalService, Self.value(self.sourceCanonicalService)),
            (IstioLabelNames.sourceCanonicalRevision, Self.value(self.sourceCanonicalRevision)),
        ]
    }

    private static func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return IstioLabelNames.unknown }
        return text
    }
}
