import PropertyBased
import Testing
import WeftCore

@Suite("Outlier detection")
struct OutlierDetectorTests {
    static let keys = (0..<10).map { "10.0.0.\($0):80" }

    /// Ten endpoints, so Istio's default 10 % allows exactly one ejection.
    static func detector(_ settings: OutlierDetector.Settings = OutlierDetector.Settings()) -> OutlierDetector {
        OutlierDetector(settings: settings, keys: Self.keys)
    }

    static func record(
        _ outcomes: [OutlierDetector.Outcome],
        on key: String,
        _ detector: inout OutlierDetector,
        at time: ContinuousClock.Instant = testEpoch
    ) -> [OutlierDetector.Action] {
        outcomes.map { detector.record($0, for: key, now: time) }
    }

    let host = Self.keys[0]

    @Test("The fifth consecutive 5xx ejects, for base ejection time")
    func consecutive5xx() {
        var detector = Self.detector()
        let actions = Self.record(Array(repeating: .response(status: 500), count: 5), on: self.host, &detector)
        #expect(actions.dropLast().allSatisfy { $0 == .none })
        #expect(actions.last == .eject(key: self.host, cause: .consecutive5xx, duration: .seconds(30)))
        #expect(detector.isEjected(self.host))
        #expect(detector.ejectedCount == 1)
    }

    @Test(
        "A non-5xx response resets the count",
        arguments: [200, 204, 301, 404, 429]
    )
    func successResets(status: Int) {
        var detector = Self.detector()
        var outcomes = Array(repeating: OutlierDetector.Outcome.response(status: 503), count: 4)
        outcomes.append(.response(status: status))
        outcomes += Array(repeating: .response(status: 503), count: 4)
        #expect(Self.record(outcomes, on: self.host, &detector).allSatisfy { $0 == .none })
        #expect(!detector.isEjected(self.host))
    }

    @Test("consecutive5xxErrors 0 turns 5xx ejection off")
    func disabled() {
        var config = OutlierDetection()
        config.consecutive5xxErrors = 0
        var detector = Self.detector(OutlierDetector.Settings(config))
        let actions = Self.record(Array(repeating: .response(status: 500), count: 20), on: self.host, &detector)
        #expect(actions.allSatisfy { $0 == .none })
    }

    @Test("Gateway errors (502/503/504) have their own threshold; other 5xx reset it")
    func gatewayErrors() {
        var config = OutlierDetection()
        config.consecutiveGatewayErrors = 3
        config.consecutive5xxErrors = 0
        var detector = Self.detector(OutlierDetector.Settings(config))
        let interrupted = Self.record(
            [.response(status: 502), .response(status: 503), .response(status: 500), .response(status: 504)],
            on: self.host,
            &detector
        )
        #expect(interrupted.allSatisfy { $0 == .none })
        let actions = Self.record([.response(status: 503), .response(status: 502)], on: self.host, &detector)
        #expect(
            actions.last == .eject(key: self.host, cause: .consecutiveGatewayErrors, duration: .seconds(30))
        )
    }

    @Test("Without the split, connect failures count as 503 and timeouts as 504; a TCP connection resets")
    func localOriginWithoutSplit() {
        var detector = Self.detector()
        let actions = Self.record(
            [.connectFailed, .timeout, .connected, .connectFailed, .timeout],
            on: self.host,
            &detector
        )
        #expect(actions.allSatisfy { $0 == .none })
        let eject = Self.record([.connectFailed], on: self.host, &detector)
        #expect(eject == [.eject(key: self.host, cause: .consecutive5xx, duration: .seconds(30))])
        var other = Self.detector()
        let reset = Self.record(
            [.connectFailed, .connectFailed, .connectFailed, .connectFailed, .tcpConnected, .connectFailed],
            on: self.host,
            &other
        )
        #expect(reset.allSatisfy { $0 == .none })
    }

    @Test("With the split, local-origin failures count apart from 5xx responses")
    func split() {
        var config = OutlierDetection()
        config.splitExternalLocalOriginErrors = true
        config.consecutiveLocalOriginFailures = 2
        var detector = Self.detector(OutlierDetector.Settings(config))
        // Responses and connection failures do not add up.
        let mixed = Self.record(
            [.response(status: 500), .connectFailed, .response(status: 500), .connected, .timeout],
            on: self.host,
            &detector
        )
        #expect(mixed.allSatisfy { $0 == .none })
        let actions = Self.record([.timeout], on: self.host, &detector)
        #expect(
            actions == [.eject(key: self.host, cause: .consecutiveLocalOriginFailures, duration: .seconds(30))]
        )
    }

    @Test("maxEjectionPercent caps ejections; with fewer hosts than 100/percent nothing is ejected")
    func cap() {
        var detector = Self.detector()
        _ = Self.record(Array(repeating: .response(status: 500), count: 5), on: Self.keys[0], &detector)
        let second = Self.record(Array(repeating: .response(status: 500), count: 5), on: Self.keys[1], &detector)
        #expect(second.last == .ejectionSkipped(key: Self.keys[1], cause: .consecutive5xx))
        #expect(detector.ejectedCount == 1)

        var small = OutlierDetector(settings: OutlierDetector.Settings(), keys: ["a", "b", "c"])
        let actions = Self.record(Array(repeating: .response(status: 500), count: 5), on: "a", &small)
        #expect(actions.last == .ejectionSkipped(key: "a", cause: .consecutive5xx))
        // Envoy's always_eject_one_host lets the first one through.
        var always = OutlierDetector(
            settings: OutlierDetector.Settings(alwaysEjectOneHost: true),
            keys: ["a", "b", "c"]
        )
        let first = Self.record(Array(repeating: .response(status: 500), count: 5), on: "a", &always)
        #expect(first.last == .eject(key: "a", cause: .consecutive5xx, duration: .seconds(30)))
    }

    @Test("Ejections never exceed maxEjectionPercent, whatever the traffic")
    func neverExceedsCap() async {
        await propertyCheck(
            count: 200,
            input: Gen.int(in: 1...12),
            Gen.int(in: 0...100),
            Gen.int(in: 0...9999).array(of: 50...400)
        ) { hostCount, percent, events in
            let keys = (0..<hostCount).map { "h\($0)" }
            var detector = OutlierDetector(
                settings: OutlierDetector.Settings(
                    consecutive5xxErrors: 2,
                    consecutiveGatewayErrors: 2,
                    interval: .seconds(1),
                    baseEjectionTime: .seconds(2),
                    maxEjectionPercent: percent
                ),
                keys: keys
            )
            var time = testEpoch
            for event in events {
                let key = keys[event % hostCount]
                switch event / hostCount % 4 {
                case 0: _ = detector.record(.response(status: 200), for: key, now: time)
                case 1: _ = detector.record(.response(status: 502), for: key, now: time)
                case 2: _ = detector.record(.connectFailed, for: key, now: time)
                default:
                    time = time + .milliseconds(700)
                    _ = detector.sweep(now: time)
                }
                #expect(100 * detector.ejectedCount <= percent * hostCount)
                #expect(detector.ejectedCount == keys.count(where: { detector.isEjected($0) }))
            }
        }
    }

    @Test("Ejected endpoints return at the first sweep after their time, not before")
    func sweepReturns() {
        var detector = Self.detector()
        _ = Self.record(Array(repeating: .response(status: 500), count: 5), on: self.host, &detector)
        #expect(detector.sweep(now: testEpoch + .seconds(29)) == [])
        #expect(detector.isEjected(self.host))
        #expect(detector.sweep(now: testEpoch + .seconds(30)) == [.uneject(key: self.host)])
        #expect(!detector.isEjected(self.host))
        #expect(detector.ejectedCount == 0)
    }

    @Test("Ejection time grows with repeated ejections and decays after recovery")
    func ejectionTimeGrows() {
        var detector = Self.detector()
        let fail = Array(repeating: OutlierDetector.Outcome.response(status: 500), count: 5)
        var time = testEpoch
        // First ejection: 30 s. Returned at 30 s, fails again at once: 60 s. Then 90 s.
        for (round, expected) in [30, 60, 90].enumerated() {
            let actions = Self.record(fail, on: self.host, &detector, at: time)
            #expect(actions.last == .eject(key: self.host, cause: .consecutive5xx, duration: .seconds(expected)))
            time = time + .seconds(expected)
            #expect(detector.sweep(now: time) == [.uneject(key: self.host)], "round \(round)")
        }
        #expect(detector.timesEjected(self.host) == 3)
        // Three clean intervals (10 s each) bring the multiplier from 3 back to 0: the next ejection is 30 s again.
        for _ in 0..<3 {
            time = time + .seconds(10)
            _ = detector.sweep(now: time)
        }
        let again = Self.record(fail, on: self.host, &detector, at: time)
        #expect(again.last == .eject(key: self.host, cause: .consecutive5xx, duration: .seconds(30)))
    }

    @Test("Ejection time stops growing at maxEjectionTime (300 s)")
    func ejectionTimeCap() {
        var detector = Self.detector(OutlierDetector.Settings(baseEjectionTime: .seconds(100)))
        let fail = Array(repeating: OutlierDetector.Outcome.response(status: 500), count: 5)
        var time = testEpoch
        var durations: [Duration] = []
        for _ in 0..<6 {
            guard case .eject(_, _, let duration) = Self.record(fail, on: self.host, &detector, at: time).last! else {
                Issue.record("expected an ejection")
                return
            }
            durations.append(duration)
            time = time + duration
            _ = detector.sweep(now: time)
        }
        #expect(durations == [100, 200, 300, 300, 300, 300].map { Duration.seconds($0) })
    }

    @Test("Errors while ejected do not eject again; a returned endpoint starts with clean counts")
    func whileEjected() {
        var detector = Self.detector()
        _ = Self.record(Array(repeating: .response(status: 500), count: 5), on: self.host, &detector)
        let more = Self.record(Array(repeating: .response(status: 500), count: 10), on: self.host, &detector)
        #expect(more.allSatisfy { $0 == .none })
        _ = detector.sweep(now: testEpoch + .seconds(30))
        let after = Self.record(
            Array(repeating: .response(status: 500), count: 4),
            on: self.host,
            &detector,
            at: testEpoch + .seconds(31)
        )
        #expect(after.allSatisfy { $0 == .none })
    }

    @Test("Changing the endpoint set keeps state of endpoints that stay")
    func setEndpoints() {
        var detector = Self.detector()
        _ = Self.record(Array(repeating: .response(status: 500), count: 5), on: self.host, &detector)
        detector.setEndpoints([self.host, "10.9.9.9:80"])
        #expect(detector.isEjected(self.host))
        #expect(detector.endpointCount == 2)
        #expect(detector.ejectedCount == 1)
        detector.setEndpoints(["10.9.9.9:80"])
        #expect(detector.ejectedCount == 0)
        #expect(detector.record(.response(status: 500), for: "unknown", now: testEpoch) == .none)
    }

    @Test("Settings from the DestinationRule field, with Istio's defaults")
    func settingsFromConfig() {
        let settings = OutlierDetector.Settings(OutlierDetection())
        #expect(settings == OutlierDetector.Settings())
        #expect(settings.consecutive5xxErrors == 5)
        #expect(settings.consecutiveGatewayErrors == nil)
        #expect(settings.maxEjectionTime == .seconds(300))
        #expect(settings.maxEjectionPercent == 10)
        #expect(OutlierDetector.Settings(baseEjectionTime: .seconds(600)).maxEjectionTime == .seconds(600))
    }
}
