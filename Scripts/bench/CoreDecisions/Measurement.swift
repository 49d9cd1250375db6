/// Nanoseconds per decision over several repetitions of one kind, by the wall clock (`ContinuousClock`) and by the
/// thread's CPU time: the medians are what the table reports, the wall minimum and maximum show the spread (on a
/// shared machine the maximum mostly measures the neighbours).
struct Measurement {
    let kind: DecisionKind
    let iterations: Int
    var nanosecondsPerDecision: [Double] = []
    var cpuNanosecondsPerDecision: [Double] = []

    var median: Double { Self.median(self.nanosecondsPerDecision) }
    var cpuMedian: Double { Self.median(self.cpuNanosecondsPerDecision) }
    var minimum: Double { self.nanosecondsPerDecision.min() ?? .nan }
    var maximum: Double { self.nanosecondsPerDecision.max() ?? .nan }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Duration {
    var nanoseconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}

/// Times the kinds round-robin (one repetition of each, then the next round), so that a burst of load from other
/// processes lands on every kind rather than on one.
struct TimingRun {
    var repetitions = 11
    /// Each repetition of a kind lasts about this long; iteration counts are calibrated to it.
    var targetRepetition = Duration.milliseconds(100)
    var warmup = Duration.milliseconds(200)

    func measure(_ kinds: [DecisionKind], bench: inout DecisionBench) -> (measurements: [Measurement], checksum: Int) {
        let clock = ContinuousClock()
        var checksum = 0
        var measurements: [Measurement] = []
        for kind in kinds {
            // Warm-up doubles as calibration: run until the warm-up time is spent, then size a repetition.
            var iterations = 1_024
            var spent = Duration.zero
            var done = 0
            while spent < self.warmup {
                spent += clock.measure { checksum &+= bench.run(kind, iterations: iterations) }
                done += iterations
                iterations *= 2
            }
            let perDecision = spent.nanoseconds / Double(done)
            let sized = Int(self.targetRepetition.nanoseconds / max(perDecision, 1))
            measurements.append(Measurement(kind: kind, iterations: max(DecisionSamples.count, sized)))
        }
        for _ in 0..<self.repetitions {
            for index in measurements.indices {
                let iterations = measurements[index].iterations
                let kind = measurements[index].kind
                let cpuStart = ThreadCPUTime.nanoseconds()
                let elapsed = clock.measure { checksum &+= bench.run(kind, iterations: iterations) }
                let cpu = ThreadCPUTime.nanoseconds() - cpuStart
                measurements[index].nanosecondsPerDecision.append(elapsed.nanoseconds / Double(iterations))
                measurements[index].cpuNanosecondsPerDecision.append(cpu / Double(iterations))
            }
        }
        return (measurements, checksum)
    }
}
