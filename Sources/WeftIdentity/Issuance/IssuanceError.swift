/// Why a workload certificate was not issued (style G11: code, context, operator-readable text).
package struct IssuanceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal; tests compare this.
    package enum Code: Hashable, Sendable {
        /// No workload enrolled on this node runs as the identity: a node only gets certificates for its own
        /// workloads (Istio's node authorization, reference §3), so a compromised node cannot mint others.
        case notEnrolledOnThisNode
        /// The identity belongs to another trust domain than this node's intermediate.
        case foreignTrustDomain
        /// The node intermediate has expired or is not valid yet.
        case issuerNotValid
        /// Signing or encoding failed.
        case signingFailed
    }

    package var code: Code
    /// The identity asked for.
    package var identity: String
    /// Extra context (node name, trust domains, dates, library error).
    package var detail: String

    package init(_ code: Code, identity: String, detail: String) {
        self.code = code
        self.identity = identity
        self.detail = detail
    }

    package var description: String {
        switch self.code {
        case .notEnrolledOnThisNode:
            return "refusing to issue a certificate for \(self.identity): \(self.detail)"
        case .foreignTrustDomain:
            return "refusing to issue a certificate for \(self.identity): \(self.detail)"
        case .issuerNotValid:
            return "cannot issue a certificate for \(self.identity): \(self.detail)"
        case .signingFailed:
            return "cannot issue a certificate for \(self.identity): signing failed: \(self.detail)"
        }
    }
}
