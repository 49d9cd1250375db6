extension OutlierDetector {
    typealias Host = Dictionary<String, HostState>.Index

    /// Records one outcome for endpoint `key` (unknown keys are ignored) and returns what to do. Hashes the key
    /// once and does not allocate.
    package mutating func record(_ outcome: Outcome, for key: String, now: ContinuousClock.Instant) -> Action {
        guard let key = self.hosts.index(forKey: key) else { return .none }
        let now = self.offset(of: now)
        if self.settings.splitExternalLocalOriginErrors {
            switch outcome {
            case .response(let status): return self.recordStatus(status, for: key, now: now)
            case .connectFailed, .timeout: return self.recordLocalOriginFailure(for: key, now: now)
            case .connected, .tcpConnected:
                self.hosts.values[key].consecutiveLocalOrigin = 0
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

    private mutating func recordStatus(_ status: Int, for key: Host, now: Duration) -> Action {
        guard (500...599).contains(status) else {
            self.hosts.values[key].consecutive5xx = 0
            self.hosts.values[key].consecutiveGateway = 0
            return .none
        }
        var action = Action.none
        if status == 502 || status == 503 || status == 504 {
            self.hosts.values[key].consecutiveGateway += 1
            if self.hosts.values[key].consecutiveGateway == self.settings.consecutiveGatewayErrors {
                action = self.consecutiveError(.consecutiveGatewayErrors, for: key, now: now)
            }
        } else {
            self.hosts.values[key].consecutiveGateway = 0
        }
        self.hosts.values[key].consecutive5xx += 1
        if self.hosts.values[key].consecutive5xx == self.settings.consecutive5xxErrors {
            let fiveXX = self.consecutiveError(.consecutive5xx, for: key, now: now)
            if case .none = action { action = fiveXX }
        }
        return action
    }

    private mutating func recordLocalOriginFailure(for key: Host, now: Duration) -> Action {
        self.hosts.values[key].consecutiveLocalOrigin += 1
        guard self.hosts.values[key].consecutiveLocalOrigin == self.settings.consecutiveLocalOriginFailures else {
            return .none
        }
        return self.consecutiveError(.consecutiveLocalOriginFailures, for: key, now: now)
    }

    /// A threshold was reached (Envoy's `onConsecutiveErrorWorker`).
    private mutating func consecutiveError(_ cause: Cause, for key: Host, now: Duration) -> Action {
        // Already ejected: nothing, and the count keeps running (Envoy returns before resetting it).
        guard self.hosts.values[key].ejectedAt == nil else { return .none }
        let action = self.eject(key, cause: cause, now: now)
        switch cause {
        case .consecutive5xx: self.hosts.values[key].consecutive5xx = 0
        case .consecutiveGatewayErrors: self.hosts.values[key].consecutiveGateway = 0
        case .consecutiveLocalOriginFailures: self.hosts.values[key].consecutiveLocalOrigin = 0
        }
        return action
    }

    /// Envoy's `ejectHost`: the cap, then the ejection with its duration.
    private mutating func eject(_ key: Host, cause: Cause, now: Duration) -> Action {
        // Exact form of 100 × (ejected + 1) / endpoints ≤ maxEjectionPercent.
        let withinCap = 100 * (self.ejectedCount + 1) <= self.settings.maxEjectionPercent * self.hosts.count
        guard withinCap || (self.settings.alwaysEjectOneHost && self.ejectedCount == 0) else {
            return .ejectionSkipped(key: self.hosts.keys[key], cause: cause)
        }
        self.ejectedCount += 1
        self.hosts.values[key].ejectedAt = now
        self.hosts.values[key].timesEjected += 1
        // The multiplier stops growing once base × multiplier passes the maximum ejection time.
        if self.settings.baseEjectionTime * self.hosts.values[key].multiplier
            < self.settings.maxEjectionTime + self.settings.baseEjectionTime
        {
            self.hosts.values[key].multiplier += 1
        }
        return .eject(
            key: self.hosts.keys[key],
            cause: cause,
            duration: self.ejectionDuration(of: self.hosts.values[key])
        )
    }

    func ejectionDuration(of host: HostState) -> Duration {
        min(self.settings.baseEjectionTime * host.multiplier, self.settings.maxEjectionTime)
    }

    /// The interval sweep (Envoy's `onIntervalTimer`): returns endpoints whose ejection time has passed, and
    /// shrinks the multiplier of endpoints that stayed in service for a whole interval. Call every `interval`.
    /// Actions come sorted by key.
    package mutating func sweep(now: ContinuousClock.Instant) -> [Action] {
        let now = self.offset(of: now)
        var returned: [String] = []
        // Walks indices and mutates values in place: iterating `keys` while mutating would copy the dictionary.
        var index = self.hosts.startIndex
        while index != self.hosts.endIndex {
            defer { self.hosts.formIndex(after: &index) }
            guard let ejectedAt = self.hosts.values[index].ejectedAt,
                self.ejectionDuration(of: self.hosts.values[index]) <= now - ejectedAt
            else { continue }
            self.hosts.values[index].ejectedAt = nil
            self.hosts.values[index].lastReturnedAt = now
            // Fresh counts, so that a few errors right after returning do not eject again at once.
            self.hosts.values[index].consecutive5xx = 0
            self.hosts.values[index].consecutiveGateway = 0
            self.hosts.values[index].consecutiveLocalOrigin = 0
            self.ejectedCount -= 1
            returned.append(self.hosts.keys[index])
        }
        index = self.hosts.startIndex
        while index != self.hosts.endIndex {
            defer { self.hosts.formIndex(after: &index) }
            let host = self.hosts.values[index]
            guard host.ejectedAt == nil, host.multiplier > 0, let lastReturnedAt = host.lastReturnedAt,
                now - lastReturnedAt >= self.settings.interval
            else { continue }
            self.hosts.values[index].multiplier -= 1
        }
        return returned.sorted().map { .uneject(key: $0) }
    }

    /// `instant` as an offset from the detector's origin, fixing the origin at the first instant seen.
    private mutating func offset(of instant: ContinuousClock.Instant) -> Duration {
        if let origin = self.origin { return origin.offset(of: instant) }
        self.origin = TimeOrigin(instant)
        return .zero
    }
}
