/// Outlier detection (passive health checking) for one destination, as a state machine (style G3): outcomes of
/// requests and connections go in with the endpoint's key and the time; ejections and returns come out as
/// actions, which the owner applies to its `LoadBalancer` (`setHealthy(false, forKey:)` / `true`).
///
/// Semantics follow Envoy's `DetectorImpl` as Istio programs it (`applyOutlierDetection`):
/// - **Counting.** An HTTP 5xx adds to the consecutive-5xx count; 502, 503 and 504 also to the gateway count;
///   any other status resets both. Without `splitExternalLocalOriginErrors`, a failed connect counts as a 503, a
///   timeout as a 504, an established TCP connection as a 200 (so for TCP, connect failures are the "5xx").
///   With the split, connect failures and timeouts count only toward `consecutiveLocalOriginFailures`, reset by
///   any established connection.
/// - **Ejection happens on the event** that reaches a threshold (Envoy ejects from the event too, posted to its
///   main thread), and the count that triggered it is reset whether or not the ejection happened. Errors on an
///   endpoint that is already ejected still count but do not eject again.
/// - **The cap.** An ejection happens only if afterwards at most `maxEjectionPercent` of the endpoints are
///   ejected (`100 × (ejected + 1) / endpoints ≤ maxEjectionPercent`, exact arithmetic, so rounding never lets it
///   exceed the cap). Current Envoy does not guarantee one ejection: with Istio's default 10 % and fewer than 10
///   endpoints nothing is ever ejected, unless `alwaysEjectOneHost` (off; Istio does not expose it) is set.
///   Older Envoy releases always allowed the first ejection; Weft follows the current rule.
/// - **Returning.** Ejected endpoints come back only at an interval sweep (`sweep(now:)`, to be called every
///   `interval`), once `min(baseEjectionTime × multiplier, maxEjectionTime)` has passed since the ejection. The
///   multiplier grows by one per ejection and shrinks by one at each sweep that finds the endpoint in service
///   for at least an interval, so "× times ejected" holds for an endpoint that keeps failing and decays for one
///   that recovered. `eject` actions carry how long the endpoint stays out at least.
/// - **minHealthPercent** is not the detector's business: it is the balancer's panic threshold
///   (`LoadBalancerPolicy.panicThresholdPercent`): below it the balancer uses ejected endpoints too.
package struct OutlierDetector: Sendable {
    package let settings: Settings
    var hosts: [String: HostState]
    /// The first instant seen: host state stores offsets from it (see `TimeOrigin`).
    var origin: TimeOrigin?
    /// Endpoints currently ejected.
    package internal(set) var ejectedCount = 0

    /// What happened on one request or connection to an endpoint.
    package enum Outcome: Hashable, Sendable {
        /// An HTTP response from the endpoint (external origin).
        case response(status: Int)
        /// The connection could not be established (local origin).
        case connectFailed
        /// The request or connect timed out (local origin).
        case timeout
        /// An L7 connection was established; responses will follow.
        case connected
        /// A TCP (L4) connection was established: for TCP traffic, that is the whole result.
        case tcpConnected
    }

    /// Which threshold caused an ejection.
    package enum Cause: String, Hashable, Sendable {
        case consecutive5xx = "consecutive5xxErrors"
        case consecutiveGatewayErrors
        case consecutiveLocalOriginFailures
    }

    /// What the owner must do.
    package enum Action: Hashable, Sendable {
        case none
        /// Stop sending traffic to the endpoint for `duration`; it returns at the first sweep after that. (A
        /// duration, not an instant: an enum carrying a `ContinuousClock.Instant` has no fixed layout and costs a
        /// metadata lookup on every event.)
        case eject(key: String, cause: Cause, duration: Duration)
        /// A threshold was reached but `maxEjectionPercent` forbids another ejection (Envoy's
        /// `ejections_overflow`): nothing to do, reported for `weft explain` and metrics.
        case ejectionSkipped(key: String, cause: Cause)
        /// Send traffic to the endpoint again.
        case uneject(key: String)
    }

    struct HostState: Sendable {
        var consecutive5xx = 0
        var consecutiveGateway = 0
        var consecutiveLocalOrigin = 0
        /// Offsets from `origin`.
        var ejectedAt: Duration?
        var multiplier = 0
        var lastReturnedAt: Duration?
        var timesEjected = 0
    }

    package init(settings: Settings, keys: some Sequence<String>) {
        self.settings = settings
        self.hosts = [:]
        self.origin = nil
        for key in keys { self.hosts[key] = HostState() }
    }

    /// Number of endpoints tracked.
    package var endpointCount: Int { self.hosts.count }

    package func isEjected(_ key: String) -> Bool { self.hosts[key]?.ejectedAt != nil }

    /// How many times the endpoint has been ejected since it joined.
    package func timesEjected(_ key: String) -> Int { self.hosts[key]?.timesEjected ?? 0 }

    /// Replaces the set of endpoints: kept ones keep their state (an ejected endpoint stays ejected), new ones
    /// start clean, removed ones are forgotten.
    package mutating func setEndpoints(_ keys: some Sequence<String>) {
        var updated: [String: HostState] = [:]
        for key in keys { updated[key] = self.hosts[key] ?? HostState() }
        self.hosts = updated
        self.ejectedCount = updated.values.count(where: { $0.ejectedAt != nil })
    }
}
