/// A workload identity as WeftIdentity needs it: `spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>`.
///
/// Placeholder for `WeftCore.SpiffeID`, which is being written on another branch. After the merge, replace this
/// type with WeftCore's (`typealias` or a rename) and drop this file; every use inside WeftIdentity goes through
/// `trustDomain`, `namespace`, `serviceAccount`, `init(parsing:)` and `description`.
///
/// Parsing follows ztunnel (`identity/manager.rs Identity::from_str`, reference §3): exactly the path
/// `/ns/<namespace>/sa/<service-account>` under a SPIFFE trust domain, nothing else.
package struct SpiffeIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The SPIFFE trust domain, e.g. `cluster.local`.
    package let trustDomain: String
    /// The mesh namespace of the workload.
    package let namespace: String
    /// The service account the workload runs as.
    package let serviceAccount: String

    /// Builds an identity from its parts, checking each part as `init(parsing:)` would.
    package init(trustDomain: String, namespace: String, serviceAccount: String) throws(SpiffeIdentityError) {
        try Self.checkTrustDomain(trustDomain)
        guard Self.isValidSegment(namespace) else { throw SpiffeIdentityError(text: namespace, reason: .badNamespace) }
        guard Self.isValidSegment(serviceAccount) else {
            throw SpiffeIdentityError(text: serviceAccount, reason: .badServiceAccount)
        }
        self.trustDomain = trustDomain
        self.namespace = namespace
        self.serviceAccount = serviceAccount
    }

    /// Parses `spiffe://td/ns/NS/sa/SA`.
    package init(parsing text: String) throws(SpiffeIdentityError) {
        let scheme = "spiffe://"
        guard text.hasPrefix(scheme) else { throw SpiffeIdentityError(text: text, reason: .notSpiffe) }
        let rest = text.dropFirst(scheme.count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[1] == "ns", parts[3] == "sa" else {
            throw SpiffeIdentityError(text: text, reason: .badPath)
        }
        do {
            try self.init(trustDomain: String(parts[0]), namespace: String(parts[2]), serviceAccount: String(parts[4]))
        } catch {
            throw SpiffeIdentityError(text: text, reason: error.reason)
        }
    }

    /// The URI form, as written into the certificate's SAN.
    package var description: String {
        "spiffe://\(self.trustDomain)/ns/\(self.namespace)/sa/\(self.serviceAccount)"
    }

    /// Checks a trust domain name against the SPIFFE ID specification §2.1: lowercase letters, digits, `.`, `-`
    /// and `_`, not empty, at most 255 bytes.
    package static func checkTrustDomain(_ trustDomain: String) throws(SpiffeIdentityError) {
        let allowed = trustDomain.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !trustDomain.isEmpty, trustDomain.utf8.count <= 255, allowed else {
            throw SpiffeIdentityError(text: trustDomain, reason: .badTrustDomain)
        }
    }

    /// A path segment: SPIFFE §2.2 allows letters, digits, `.`, `-`, `_`; `.` and `..` are not segments.
    private static func isValidSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != ".." else { return false }
        return segment.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}

/// Why a text is not a workload SPIFFE ID.
package struct SpiffeIdentityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong; tests compare this.
    package enum Reason: Hashable, Sendable {
        case notSpiffe
        case badPath
        case badTrustDomain
        case badNamespace
        case badServiceAccount
    }

    /// The offending text (the whole ID, or the part that was checked on its own).
    package var text: String
    package var reason: Reason

    package init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    package var description: String {
        switch self.reason {
        case .notSpiffe: return "\"\(self.text)\" is not a SPIFFE ID (expected spiffe://<trust-domain>/ns/<ns>/sa/<sa>)"
        case .badPath:
            return "\"\(self.text)\" is not a workload SPIFFE ID (expected spiffe://<trust-domain>/ns/<ns>/sa/<sa>)"
        case .badTrustDomain:
            return "\"\(self.text)\": invalid trust domain (use lowercase letters, digits, '.', '-' and '_')"
        case .badNamespace: return "\"\(self.text)\": invalid namespace in SPIFFE ID"
        case .badServiceAccount: return "\"\(self.text)\": invalid service account in SPIFFE ID"
        }
    }
}
