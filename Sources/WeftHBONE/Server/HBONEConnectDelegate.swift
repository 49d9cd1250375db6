import NIOCore

/// What the HBONE server asks the agent for each well-formed CONNECT: authorize it and, when allowed, dial the
/// application (ztunnel.md §2.5: workload lookup → 503, authority check → 400, RBAC → 401, dial → 503).
///
/// The agent builds one delegate per HBONE connection, so it can capture the connection's verified peer
/// identity and the address the connection reached.
package protocol HBONEConnectDelegate: Sendable {
    /// Decides on one stream. Called on the stream's event loop.
    ///
    /// An accepted upstream channel must be on `eventLoop` (the relay joins channels of one loop), opened with
    /// `ChannelOptions.autoRead` off and `allowRemoteHalfClosure` on: the handler turns reading on once the relay
    /// is in place, so bytes the application sends at once are not lost.
    /// A failed future is answered 503, or with the status an `HBONEResponseStatusError` carries.
    func decide(_ request: HBONEConnectRequest, on eventLoop: any EventLoop) -> EventLoopFuture<HBONEConnectDecision>
}

/// The delegate's answer to one CONNECT.
package enum HBONEConnectDecision: Sendable {
    /// Answer 200 (with the local workload's `baggage` when given) and relay bytes to `upstream`.
    case accept(upstream: any Channel, responseMetadata: PeerMetadata?)
    /// Answer with this status (never `.ok`) and close the stream.
    case reject(HBONEResponseStatus)
}

/// A delegate made from a closure, for tests and small call sites.
package struct HBONEConnectClosureDelegate: HBONEConnectDelegate {
    private let body: @Sendable (HBONEConnectRequest, any EventLoop) -> EventLoopFuture<HBONEConnectDecision>

    package init(
        _ body: @escaping @Sendable (HBONEConnectRequest, any EventLoop) -> EventLoopFuture<HBONEConnectDecision>
    ) {
        self.body = body
    }

    package func decide(
        _ request: HBONEConnectRequest,
        on eventLoop: any EventLoop
    ) -> EventLoopFuture<HBONEConnectDecision> {
        self.body(request, eventLoop)
    }
}
