extension RetryPlan {
    /// `2 retries on connect-failure,refused-stream,… (status 503), per try 2s`, or `none`.
    package var summary: String {
        guard self.attempts > 0 else { return "none" }
        var text = "\(self.attempts) retr\(self.attempts == 1 ? "y" : "ies")"
        if !self.conditions.isEmpty {
            text += " on " + self.conditions.map(\.description).joined(separator: ",")
        }
        if !self.retriableStatusCodes.isEmpty {
            text += " (status " + self.retriableStatusCodes.map(String.init).joined(separator: ",") + ")"
        }
        if let perTryTimeout = self.perTryTimeout { text += ", per try \(GoDuration.format(perTryTimeout))" }
        if !self.avoidPreviousHosts { text += ", same host allowed" }
        return text
    }
}

extension ConnectionPoolLimits {
    /// The limits that differ from Istio's defaults, named as in `connectionPool`; `none (Istio defaults)`.
    package var summary: String {
        let defaults = ConnectionPoolLimits()
        var parts: [String] = []
        if self.maxConnections != defaults.maxConnections { parts.append("tcp.maxConnections \(self.maxConnections)") }
        if self.maxPendingRequests != defaults.maxPendingRequests {
            parts.append("http.http1MaxPendingRequests \(self.maxPendingRequests)")
        }
        if self.maxRequests != defaults.maxRequests { parts.append("http.http2MaxRequests \(self.maxRequests)") }
        if self.maxRequestsPerConnection != defaults.maxRequestsPerConnection {
            parts.append("http.maxRequestsPerConnection \(self.maxRequestsPerConnection)")
        }
        if self.maxRetries != defaults.maxRetries { parts.append("http.maxRetries \(self.maxRetries)") }
        return parts.isEmpty ? "none (Istio defaults)" : parts.joined(separator: ", ")
    }
}

extension OutlierDetector.Settings {
    /// `consecutive5xxErrors 5, interval 10s, baseEjectionTime 30s, maxEjectionPercent 10%`.
    package var summary: String {
        var parts: [String] = []
        if let count = self.consecutive5xxErrors { parts.append("consecutive5xxErrors \(count)") }
        if let count = self.consecutiveGatewayErrors { parts.append("consecutiveGatewayErrors \(count)") }
        if self.splitExternalLocalOriginErrors, let count = self.consecutiveLocalOriginFailures {
            parts.append("consecutiveLocalOriginFailures \(count)")
        }
        parts.append("interval \(GoDuration.format(self.interval))")
        parts.append("baseEjectionTime \(GoDuration.format(self.baseEjectionTime))")
        parts.append("maxEjectionPercent \(self.maxEjectionPercent)%")
        return parts.joined(separator: ", ")
    }
}

extension MirrorDecision {
    /// `reviews.default.svc.cluster.local:9080 subset v3 (50%)`.
    package var summary: String { "\(self.target) (\(self.percentage))" }
}
