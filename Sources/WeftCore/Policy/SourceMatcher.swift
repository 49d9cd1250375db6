/// One compiled `from[].source` entry. Its fields are AND'ed, the values of one field are OR'ed, and a `not*`
/// field matches when none of its values does (ztunnel.md §5.1).
///
/// Without a peer identity (plaintext) the principal, namespace and service account are empty: positive fields
/// cannot match and `not*` fields always do, which is how Istio's STRICT "deny if notPrincipals: [*]" works.
struct SourceMatcher: Hashable, Sendable {
    var principals: [StringPattern] = []
    var notPrincipals: [StringPattern] = []
    var namespaces: [StringPattern] = []
    var notNamespaces: [StringPattern] = []
    var serviceAccounts: [ServiceAccountRef] = []
    var notServiceAccounts: [ServiceAccountRef] = []
    var ipBlocks: [CIDR] = []
    var notIPBlocks: [CIDR] = []
    /// Names of fields Weft can never check (`requestPrincipals`, `remoteIpBlocks` and their `not*` forms).
    var unavailableFields: [String] = []

    /// A `namespace/name` Kubernetes service account, matched exactly against the peer identity.
    struct ServiceAccountRef: Hashable, Sendable {
        var namespace: String
        var name: String

        /// Reads `ns/sa`; a bare name means the policy's own namespace, as istiod converts it.
        init(_ text: String, policyNamespace: String) {
            if let slash = text.firstIndex(of: "/") {
                self.namespace = String(text[..<slash])
                self.name = String(text[text.index(after: slash)...])
            } else {
                self.namespace = policyNamespace
                self.name = text
            }
        }

        func matches(_ identity: SpiffeID?) -> Bool {
            guard let identity else { return false }
            return identity.namespace == self.namespace && identity.serviceAccount == self.name
        }
    }

    init(_ source: AuthorizationPolicy.Source, policyNamespace: String) {
        self.principals = source.principals.map(StringPattern.init)
        self.notPrincipals = source.notPrincipals.map(StringPattern.init)
        self.namespaces = source.namespaces.map(StringPattern.init)
        self.notNamespaces = source.notNamespaces.map(StringPattern.init)
        self.serviceAccounts = source.serviceAccounts.map { ServiceAccountRef($0, policyNamespace: policyNamespace) }
        self.notServiceAccounts = source.notServiceAccounts.map {
            ServiceAccountRef($0, policyNamespace: policyNamespace)
        }
        self.ipBlocks = source.ipBlocks
        self.notIPBlocks = source.notIpBlocks
        let unavailable: [(String, Bool)] = [
            ("requestPrincipals", !source.requestPrincipals.isEmpty),
            ("notRequestPrincipals", !source.notRequestPrincipals.isEmpty),
            ("remoteIpBlocks", !source.remoteIpBlocks.isEmpty),
            ("notRemoteIpBlocks", !source.notRemoteIpBlocks.isEmpty),
        ]
        self.unavailableFields = unavailable.filter(\.1).map(\.0)
    }

    /// Whether the connection's source matches; fields Weft cannot check count as `unknownAs`.
    func matches(_ request: AuthorizationRequest, unknownAs: Bool) -> Bool {
        if !self.unavailableFields.isEmpty && !unknownAs { return false }
        let principal = request.sourcePrincipal ?? ""
        let namespace = request.sourceNamespace ?? ""
        if !self.principals.isEmpty && !self.principals.anyMatches(principal) { return false }
        if self.notPrincipals.anyMatches(principal) { return false }
        if !self.namespaces.isEmpty && !self.namespaces.anyMatches(namespace) { return false }
        if self.notNamespaces.anyMatches(namespace) { return false }
        if !self.serviceAccounts.isEmpty
            && !self.serviceAccounts.contains(where: { $0.matches(request.sourceIdentity) })
        {
            return false
        }
        if self.notServiceAccounts.contains(where: { $0.matches(request.sourceIdentity) }) { return false }
        if !self.ipBlocks.isEmpty && !self.ipBlocks.contains(where: { $0.contains(request.sourceIP) }) { return false }
        if self.notIPBlocks.contains(where: { $0.contains(request.sourceIP) }) { return false }
        return true
    }
}
