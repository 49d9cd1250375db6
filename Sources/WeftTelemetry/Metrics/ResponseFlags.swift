/// The `response_flags` label and access-log field: why a connection or request ended abnormally.
///
/// ztunnel's L4 values and Envoy's short L7 flags share one label; several flags are joined by commas, as Envoy
/// writes them (`UF,URX`), and no flag at all is `-`.
package struct ResponseFlags: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) {
        self.rawValue = rawValue.isEmpty ? "-" : rawValue
    }

    /// Several flags in the given order; no flags gives ``none``.
    package init(combining flags: [ResponseFlags]) {
        let set = flags.filter { $0 != .none }
        self.init(rawValue: set.isEmpty ? "-" : set.map(\.rawValue).joined(separator: ","))
    }

    package var description: String { self.rawValue }

    // MARK: - ztunnel (L4, `ztunnel.md` §6.1)

    /// Nothing went wrong.
    package static let none = ResponseFlags(rawValue: "-")
    /// Denied by an AuthorizationPolicy.
    package static let deny = ResponseFlags(rawValue: "DENY")
    /// The upstream connection could not be established.
    package static let connect = ResponseFlags(rawValue: "CONNECT")
    package static let tlsFailure = ResponseFlags(rawValue: "TLS_FAILURE")
    package static let h2HandshakeFailure = ResponseFlags(rawValue: "H2_HANDSHAKE_FAILURE")
    package static let networkPolicy = ResponseFlags(rawValue: "NETWORK_POLICY")
    package static let identityError = ResponseFlags(rawValue: "IDENTITY_ERROR")
    package static let certRevoked = ResponseFlags(rawValue: "CERT_REVOKED")

    // MARK: - Envoy (L7 short flags)

    /// No healthy upstream host.
    package static let noHealthyUpstream = ResponseFlags(rawValue: "UH")
    /// Upstream connection failure.
    package static let upstreamConnectionFailure = ResponseFlags(rawValue: "UF")
    /// Upstream overflow: a circuit breaker (connection-pool limit) rejected the request.
    package static let upstreamOverflow = ResponseFlags(rawValue: "UO")
    /// No route configured for the request.
    package static let noRoute = ResponseFlags(rawValue: "NR")
    /// Retry limit exceeded (or the retry budget refused another retry).
    package static let upstreamRetryLimitExceeded = ResponseFlags(rawValue: "URX")
    /// Upstream request timeout.
    package static let upstreamRequestTimeout = ResponseFlags(rawValue: "UT")
    /// Upstream connection termination.
    package static let upstreamConnectionTermination = ResponseFlags(rawValue: "UC")
    /// Upstream remote reset.
    package static let upstreamRemoteReset = ResponseFlags(rawValue: "UR")
    /// Downstream connection termination.
    package static let downstreamConnectionTermination = ResponseFlags(rawValue: "DC")
    /// Request delayed by fault injection.
    package static let delayInjected = ResponseFlags(rawValue: "DI")
    /// Request aborted by fault injection.
    package static let faultInjected = ResponseFlags(rawValue: "FI")
    /// Downstream protocol error.
    package static let downstreamProtocolError = ResponseFlags(rawValue: "DPE")
    /// Request stream idle timeout.
    package static let streamIdleTimeout = ResponseFlags(rawValue: "SI")
}
