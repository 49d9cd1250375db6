/// A workload identity in Istio's SPIFFE form, `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`
/// (architecture §4, ztunnel.md §3).
///
/// Authorization policies name identities as *principals*: the same text without `spiffe://`
/// (`cluster.local/ns/default/sa/sleep`), which is how ztunnel compares them (ztunnel.md §5.1).
/// `description` and `init(parsing:)` round-trip (style G6).
package struct SpiffeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `cluster.local` unless the mesh was set up with another trust domain.
    package let trustDomain: String
    package let namespace: String
    package let serviceAccount: String

    /// Why a text is not an Istio SPIFFE ID.
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text does not start with `spiffe://`.
        case missingScheme(String)
        /// The trust domain is empty or has characters outside `a-z 0-9 . - _`.
        case invalidTrustDomain(String)
        /// The path is not `/ns/<namespace>/sa/<service account>`.
        case notWorkloadPath(String)
        /// A namespace or service account is empty, `.`/`..`, or has characters outside `A-Z a-z 0-9 . - _`.
        case invalidSegment(String, segment: String)

        package var description: String {
            switch self {
            case .missingScheme(let text):
                return "\"\(text)\" is not a SPIFFE ID (it must start with spiffe://)"
            case .invalidTrustDomain(let text):
                return "\"\(text)\" has an invalid trust domain (lower-case letters, digits, '.', '-' and '_')"
            case .notWorkloadPath(let text):
                return "\"\(text)\" is not a workload identity (expected spiffe://TRUST-DOMAIN/ns/NAMESPACE/sa/ACCOUNT)"
            case .invalidSegment(let text, let segment):
                return "\"\(text)\" has an invalid path segment \"\(segment)\" (letters, digits, '.', '-' and '_')"
            }
        }
    }

    /// Builds an identity from its parts, checking each one as `init(parsing:)` would.
    package init(trustDomain: String, namespace: String, serviceAccount: String) throws(ParseError) {
        let text = "spiffe://\(trustDomain)/ns/\(namespace)/sa/\(serviceAccount)"
        guard Self.isTrustDomain(trustDomain) else { throw .invalidTrustDomain(text) }
        for segment in [namespace, serviceAccount] where !Self.isPathSegment(segment) {
            throw .invalidSegment(text, segment: segment)
        }
        self.trustDomain = trustDomain
        self.namespace = namespace
        self.serviceAccount = serviceAccount
    }

    /// Parses `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`; the scheme is case-sensitive.
    package init(parsing text: String) throws(ParseError) {
        guard text.hasPrefix(Self.scheme) else { throw .missingScheme(text) }
        try self.init(principalOf: text, principal: text.dropFirst(Self.scheme.count))
    }

    /// Parses the principal form used in policies: `<trust domain>/ns/<namespace>/sa/<service account>`.
    package init(principal text: String) throws(ParseError) {
        try self.init(principalOf: text, principal: Substring(text))
    }

    private init(principalOf original: String, principal: Substring) throws(ParseError) {
        let parts = principal.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, Self.isTrustDomain(first) else { throw .invalidTrustDomain(original) }
        guard parts.count == 5, parts[1] == "ns", parts[3] == "sa" else { throw .notWorkloadPath(original) }
        for segment in [parts[2], parts[4]] where !Self.isPathSegment(segment) {
            throw .invalidSegment(original, segment: String(segment))
        }
        self.trustDomain = String(first)
        self.namespace = String(parts[2])
        self.serviceAccount = String(parts[4])
    }

    /// The identity as policies write it, without `spiffe://`: `cluster.local/ns/default/sa/sleep`.
    package var principal: String { "\(self.trustDomain)/ns/\(self.namespace)/sa/\(self.serviceAccount)" }

    /// The URI form carried in certificates: `spiffe://cluster.local/ns/default/sa/sleep`.
    package var description: String { Self.scheme + self.principal }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.trustDomain, lhs.namespace, lhs.serviceAccount) < (rhs.trustDomain, rhs.namespace, rhs.serviceAccount)
    }

    private static let scheme = "spiffe://"

    /// SPIFFE trust domain characters: lower-case letters, digits, `.`, `-`, `_` (SPIFFE-ID §2.1), at most 255.
    private static func isTrustDomain(_ text: some StringProtocol) -> Bool {
        guard (1...255).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2e || byte == 0x2d
                || byte == 0x5f
        }
    }

    /// SPIFFE path segment characters: letters, digits, `.`, `-`, `_`; never empty, `.` or `..` (SPIFFE-ID §2.2).
    private static func isPathSegment(_ text: some StringProtocol) -> Bool {
        guard !text.isEmpty, text != ".", text != ".." else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2e || byte == 0x2d || byte == 0x5f
        }
    }
}
