/// What the destination agent knows about one inbound connection or request when it asks whether to let it through:
/// the input of `AuthorizationEvaluator.evaluate(_:for:)`.
///
/// At connection time only the L4 facts are known (`http == nil`). When the agent parses HTTP inside the tunnel it
/// asks again per request with `http` set, and rules on methods, paths, hosts and headers are checked for real
/// (architecture §6).
package struct AuthorizationRequest: Hashable, Sendable {
    /// The verified peer identity of an mTLS (HBONE) connection; nil for plaintext, which then matches no
    /// principal, namespace or service-account value (ztunnel.md §5.1).
    package var sourceIdentity: SpiffeID?
    package var sourceIP: IPAddress
    /// The workload address the connection is for.
    package var destinationIP: IPAddress
    /// The workload (target) port after Service port mapping, as ztunnel checks it.
    package var destinationPort: Int
    /// The HTTP request, when the agent inspects requests on this connection.
    package var http: HTTPRequestAttributes?

    package init(
        sourceIdentity: SpiffeID?,
        sourceIP: IPAddress,
        destinationIP: IPAddress,
        destinationPort: Int,
        http: HTTPRequestAttributes? = nil
    ) {
        self.sourceIdentity = sourceIdentity
        self.sourceIP = sourceIP
        self.destinationIP = destinationIP
        self.destinationPort = destinationPort
        self.http = http
    }

    /// The source namespace, taken from the peer identity (`source.namespace`); nil without one.
    package var sourceNamespace: String? { self.sourceIdentity?.namespace }

    /// The peer identity as policies write it, without `spiffe://` (`source.principal`); nil without one.
    package var sourcePrincipal: String? { self.sourceIdentity?.principal }

    /// The same connection with one HTTP request on it.
    package func with(http: HTTPRequestAttributes) -> AuthorizationRequest {
        var copy = self
        copy.http = http
        return copy
    }
}
