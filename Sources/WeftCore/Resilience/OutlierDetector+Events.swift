extension OutlierDetector {
    /// Records one outcome for endpoint `key` (unknown keys are ignored) and returns what to do. Does not
    /// allocate.
    package mutating func record(_ outcome: Outcome, for key: String, now: ContinuousClock.Instant) -> Action {
        guard self.hosts[key] != nil else { return .none }
        if self.settings.splitExternalLocalOriginErrors {
            switch outcome {
            case .response(let status): return self.recordStatus(status, for: key, now: now)
            case .connectFailed, .timeout: return self.recordLocalOriginFailure(for: key, now: now)
            case .connected, .tcpConnected:
                self.hosts[key]!.consecutiveLocalOrigin = 0
                return .none
            }
        }
        switch outcome {
        case .response(let status): return self.recordStatus(status, for: key, now: now)
        case .connectFailed: return self.recordStatus(503, for: key, now: now)
        case .timeout: return self.recordStatus(504, for: key, now: now)
        // Envoy does not map an L7 connect success: the response that follows decides.
        case .connected: return .none
        case .tcpConnected: return self.recordStatus(200, for: key, now: now)
        }
    }

    private mutating func recordStatus(_ status: Int, for key: String, now: ContinuousClock.Instant) -> Action {
        guard (500...599).contains(status) else {
            self.hosts[key]!.consecutive5xx = 0
            self.hosts[key]!.consecutiveGateway = 0
            return .none
        }
        var action = Action.none
        if status == 502 || status == 503 || status == 504 {
            self.hosts[key]!.consecutiveGateway += 1
            if self.hosts[key]!.consecutiveGateway == self.settings.consecutiveGatewayErrors {
                action = self.consecutiveError(.consecutiveGatewayErrors, for: key, now: now)
            }
        } else {
            self.hosts[key]!.consecutiveGateway = 0
        }
        self.hosts[key]!.consecutive5xx += 1
        if self.hosts[key]!.consecutive5xx == self.settings.consecutive5xxErrors {
            let fiveXX = self.consecutiveError(.consecutive5xx, for: key, now: now)
            if action == .none { action = fiveXX }
        }
        return action
    }

    private mutating func recordLocalOriginFailure(for key: String, now: ContinuousClock.Instant) -> Action {
        self.hosts[key]!.consecutiveLocalOrigin += 1
        guard self.hosts[key]!.consecutiveLocalOrigin == self.settings.consecutiveLocalOriginFailures else {
            return .none
        }
        return self.consecutiveError(.consecutiveLocalOriginFailures, for: key, now: now)
    }

    /// A threshold was reached (Envoy's `onConsecutiveErrorWorker`).
    private mutating func consecutiveError(_ cause: Cause, for key: String, now: ContinuousClock.Instant) -> Action {
        // Already ejected: nothing, and the count keeps running (Envoy returns before resetting it).
        guard self.hosts[key]!.ejectedAt == nil else { return .none }
        let action = self.eject(key, cause: cause, now: now)
        switch cause {
        case .consecutive5xx: self.hosts[key]!.consecutive5xx = 0
        case .consecutiveGatewayErrors: self.hosts[key]!.consecutiveGateway = 0
        case .consecutiveLocalOriginFailures: self.hosts[key]!.consecutiveLocalOrigin = 0
        }
        return action
    }

    /// Envoy's `ejectHost`: the cap, then the ejection with its duration.
    private mutating func eject(_ key: String, cause: Cause, now: ContinuousClock.Instant) -> Action {
        // Exact form of 100 × (ejected + 1) / endpoints ≤ maxEjectionPercent.
        let withinCap = 100 * (self.ejectedCount + 1) <= self.settings.maxEjectionPercent * self.hosts.count
        guard withinCap || (self.settings.alwaysEjectOneHost && self.ejectedCount == 0) else {
            return .ejectionSkipped(key: key, cause: cause)
        }
        self.ejectedCount += 1
        self.hosts[key]!.ejectedAt = now
        self.hosts[key]!.timesEjected += 1
        // The multiplier stops growing once base × multiplier passes the maximum ejection time.
        if self.settings.baseEjectionTime * self.hosts[key]!.multiplier
            < self.settings.maxEjectionTime + self.settings.baseEjectionTime
        {
            self.hosts[key]!.multiplier += 1
        }
        return .eject(key: key, cause: cause, until: now + self.ejectionDuration(of: self.hosts[key]!))
    }

    func ejectionDuration(of host: HostState) -> Duration {
        min(self.settings.baseEjectionTime * host.multiplier, self.settings.maxEjectionTime)
    }

    /// The interval sweep (Envoy's `onIntervalTimer`): returns endpoints whose ejection time has passed, and
    /// shrinks the multiplier of endpoints that stayed in service for a whole interval. Call every `interval`.
    /// Actions come sorted by key.
    package mutating func sweep(now: ContinuousClock.Instant) -> [Action] {
        var returned: [String] = []
        for key in self.hosts.keys {
            guard let ejectedAt = self.hosts[key]!.ejectedAt else { continue }
            guard self.ejectionDuration(of: self.hosts[key]!) <= ejectedAt.duration(to: now) else { continue }
            self.hosts[key]!.ejectedAt = nil
            self.hosts[key]!.lastReturnedAt = now
            // Fresh counts, so that a few errors right after returning do not eject again at once.
            self.hosts[key]!.consecutive5xx = 0
            self.hosts[key]!.consecutiveGateway = 0
            self.hosts[key]!.consecutiveLocalOrigin = 0
            self.ejectedCount -= 1
            returned.append(key)
        }
        for key in self.hosts.keys {
            let host = self.hosts[key]!
            guard host.ejectedAt == nil, host.multiplier > 0, let lastReturnedAt = host.lastReturnedAt,
                lastReturnedAt.duration(to: now) >= self.settings.interval
            else { continue }
            self.hosts[key]!.multiplier -= 1
        }
        return returned.sorted().map { .uneject(key: $0) }
    }
}
