/// Istio's mutual-TLS modes. `DISABLE` is accepted with a warning and acts as PERMISSIVE (architecture §13).
package enum MTLSMode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case unset = "UNSET"
    case disable = "DISABLE"
    case permissive = "PERMISSIVE"
    case strict = "STRICT"

    package var description: String { self.rawValue }
}

/// Istio `PeerAuthentication` (security.istio.io), validated.
package struct PeerAuthentication: Hashable, Sendable {
    package var metadata = ObjectMeta()
    /// nil: applies to the whole namespace (or the mesh, in the root namespace).
    package var selector: LabelSelector?
    /// nil when `mtls` is absent, which inherits like UNSET.
    package var mode: MTLSMode = .unset
    package var portLevelMtls: [Int: MTLSMode] = [:]

    package init() {}
}

/// Istio `AuthorizationPolicy` (security.istio.io), validated. Semantics: ztunnel.md §5.1–5.2.
package struct AuthorizationPolicy: Hashable, Sendable {
    /// AUDIT and CUSTOM are read so that they can be reported, and rejected: ztunnel does not support them either.
    package enum Action: String, Hashable, Sendable, CaseIterable {
        case allow = "ALLOW"
        case deny = "DENY"
        case audit = "AUDIT"
        case custom = "CUSTOM"
    }

    package var metadata = ObjectMeta()
    package var selector: LabelSelector?
    package var action: Action = .allow
    /// nil when `rules` is absent: an ALLOW policy without rules allows nothing.
    package var rules: [Rule]?
    /// `istio.io/dry-run: "true"`: evaluated and logged, never enforced.
    package var dryRun: Bool = false

    package init() {}

    package struct Rule: Hashable, Sendable {
        /// OR'ed; empty means any source.
        package var from: [Source] = []
        /// OR'ed; empty means any operation.
        package var to: [Operation] = []
        /// AND'ed.
        package var when: [Condition] = []

        package init() {}
    }

    /// Fields are AND'ed; values of one field are OR'ed; `not*` matches when none match.
    /// `serviceAccounts` are `namespace/name`; `requestPrincipals` and `remoteIpBlocks` are decoded but Weft cannot
    /// check them (no JWT, no forwarded addresses): see `RuleMatcher` for how rules using them behave.
    package struct Source: Hashable, Sendable {
        package var principals: [String] = []
        package var notPrincipals: [String] = []
        package var requestPrincipals: [String] = []
        package var notRequestPrincipals: [String] = []
        package var namespaces: [String] = []
        package var notNamespaces: [String] = []
        package var serviceAccounts: [String] = []
        package var notServiceAccounts: [String] = []
        package var ipBlocks: [CIDR] = []
        package var notIpBlocks: [CIDR] = []
        package var remoteIpBlocks: [CIDR] = []
        package var notRemoteIpBlocks: [CIDR] = []

        package init() {}
    }

    package struct Operation: Hashable, Sendable {
        package var hosts: [String] = []
        package var notHosts: [String] = []
        /// Written as strings in Istio (`"8080"`); validation accepts 0–65535 (and YAML integers).
        package var ports: [Int] = []
        package var notPorts: [Int] = []
        package var methods: [String] = []
        package var notMethods: [String] = []
        package var paths: [String] = []
        package var notPaths: [String] = []

        package init() {}
    }

    package struct Condition: Hashable, Sendable {
        package var key: String = ""
        package var values: [String] = []
        package var notValues: [String] = []

        package init() {}
    }
}
