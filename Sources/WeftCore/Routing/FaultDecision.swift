/// Fault injection decided for one request: the configured fault and which parts fire this time.
/// The proxy waits `delay` first, then answers with `abort` instead of forwarding.
package struct FaultDecision: Hashable, Sendable, CustomStringConvertible {
    /// Set when the delay fires for this request.
    package var delay: Duration?
    /// Set when the abort fires for this request.
    package var abort: HTTPFaultInjection.Abort.Kind?
    package var configured: HTTPFaultInjection

    /// Rolls each configured fault against its percentage.
    init(_ fault: HTTPFaultInjection, using rng: inout some RandomNumberGenerator) {
        self.configured = fault
        self.delay = nil
        self.abort = nil
        if let delay = fault.delay, PercentRoll.hits(delay.percentage, using: &rng) {
            self.delay = delay.fixedDelay
        }
        if let abort = fault.abort, PercentRoll.hits(abort.percentage, using: &rng) {
            self.abort = abort.kind
        }
    }

    package var description: String {
        var parts: [String] = []
        if let delay { parts.append("delay \(GoDuration.format(delay))") }
        if let abort {
            switch abort {
            case .httpStatus(let status): parts.append("abort with HTTP \(status)")
            case .grpcStatus(let status): parts.append("abort with gRPC \(status)")
            case .http2Error(let error): parts.append("abort with HTTP/2 error \(error)")
            }
        }
        return parts.isEmpty ? "fault configured, not triggered" : parts.joined(separator: ", ")
    }
}

/// A copy of the request sent, fire-and-forget, to another destination.
package struct MirrorDecision: Hashable, Sendable, CustomStringConvertible {
    package var target: RouteTarget
    package var percentage: Percentage

    package var description: String { "mirror \(self.percentage) to \(self.target)" }
}
