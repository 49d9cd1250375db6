extension OutlierDetector {
    /// The detector's thresholds, from Istio's `outlierDetection`.
    package struct Settings: Hashable, Sendable {
        /// nil: 5xx-based ejection is off (Istio's `consecutive5xxErrors: 0`).
        package var consecutive5xxErrors: Int?
        /// nil: off (Istio's default).
        package var consecutiveGatewayErrors: Int?
        /// Only counted with `splitExternalLocalOriginErrors`.
        package var consecutiveLocalOriginFailures: Int?
        package var splitExternalLocalOriginErrors: Bool
        package var interval: Duration
        package var baseEjectionTime: Duration
        /// Envoy's `max_ejection_time`: 300 s, or the base ejection time if that is longer (Istio does not set it).
        package var maxEjectionTime: Duration
        package var maxEjectionPercent: Int
        /// Envoy's `always_eject_one_host` (off; not in Istio's API).
        package var alwaysEjectOneHost: Bool

        /// Envoy's default `max_ejection_time`.
        package static let defaultMaxEjectionTime = Duration.seconds(300)

        package init(
            consecutive5xxErrors: Int? = 5,
            consecutiveGatewayErrors: Int? = nil,
            consecutiveLocalOriginFailures: Int? = 5,
            splitExternalLocalOriginErrors: Bool = false,
            interval: Duration = .seconds(10),
            baseEjectionTime: Duration = .seconds(30),
            maxEjectionTime: Duration? = nil,
            maxEjectionPercent: Int = 10,
            alwaysEjectOneHost: Bool = false
        ) {
            self.consecutive5xxErrors = consecutive5xxErrors.flatMap { $0 > 0 ? $0 : nil }
            self.consecutiveGatewayErrors = consecutiveGatewayErrors.flatMap { $0 > 0 ? $0 : nil }
            self.consecutiveLocalOriginFailures = consecutiveLocalOriginFailures.flatMap { $0 > 0 ? $0 : nil }
            self.splitExternalLocalOriginErrors = splitExternalLocalOriginErrors
            self.interval = interval
            self.baseEjectionTime = baseEjectionTime
            self.maxEjectionTime = maxEjectionTime ?? max(Self.defaultMaxEjectionTime, baseEjectionTime)
            self.maxEjectionPercent = min(max(maxEjectionPercent, 0), 100)
            self.alwaysEjectOneHost = alwaysEjectOneHost
        }

        /// From the validated DestinationRule field, with Istio's mapping: 0 turns a threshold off; the
        /// local-origin threshold applies only with the split.
        package init(_ config: OutlierDetection) {
            self.init(
                consecutive5xxErrors: config.consecutive5xxErrors,
                consecutiveGatewayErrors: config.consecutiveGatewayErrors,
                consecutiveLocalOriginFailures: config.consecutiveLocalOriginFailures,
                splitExternalLocalOriginErrors: config.splitExternalLocalOriginErrors,
                interval: config.interval,
                baseEjectionTime: config.baseEjectionTime,
                maxEjectionPercent: config.maxEjectionPercent
            )
        }
    }
}
