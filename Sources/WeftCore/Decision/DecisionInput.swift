/// One connection or request to decide: who sends it, where it was addressed, and, for HTTP, the request head.
package struct DecisionInput: Hashable, Sendable {
    package var source: DecisionSource
    /// The original destination (`SO_ORIGINAL_DST`), or a service's VIP and port.
    package var destination: DestinationAddress
    /// The request when the traffic is HTTP and its head has been read; nil for a connection. An HTTP port with
    /// no request is decided at L4 (the connection), a port that needs detection is HTTP only with a request.
    package var request: HTTPRequestHead?

    package init(source: DecisionSource, destination: DestinationAddress, request: HTTPRequestHead? = nil) {
        self.source = source
        self.destination = destination
        self.request = request
    }
}
