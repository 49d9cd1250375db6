/// The markdown table: one row per decision kind with its time per decision and, when the caller counted them
/// under valgrind (`core-decisions.sh`), its instructions and heap allocations per decision. The aims are judged
/// on CPU time: on this shared machine the wall clock also counts waiting for a core.
enum Report {
    static func table(
        _ measurements: [Measurement],
        allocations: [DecisionKind: Double],
        instructions: [DecisionKind: Double]
    ) -> String {
        var lines = [
            "| decision | wall ns/decision (median) | wall min – max | CPU ns/decision (median) "
                + "| instructions/decision | allocations/decision | iterations × repetitions | aim (on CPU time) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for measurement in measurements {
            let kind = measurement.kind
            let allocated = allocations[kind]
            let columns = [
                kind.title,
                Self.format(measurement.median, decimals: 0),
                "\(Self.format(measurement.minimum, decimals: 0)) – \(Self.format(measurement.maximum, decimals: 0))",
                Self.format(measurement.cpuMedian, decimals: 0),
                instructions[kind].map { Self.format($0, decimals: 0) } ?? "–",
                allocated.map { Self.format($0, decimals: 2) } ?? "–",
                "\(measurement.iterations) × \(measurement.nanosecondsPerDecision.count)",
                Self.verdict(kind, nanoseconds: measurement.cpuMedian, allocations: allocated),
            ]
            lines.append("| " + columns.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private static func verdict(_ kind: DecisionKind, nanoseconds: Double, allocations: Double?) -> String {
        var parts: [String] = []
        if let aim = kind.aimNanoseconds {
            let bound = "< \(Self.format(aim, decimals: 0)) ns"
            parts.append(nanoseconds < aim ? "\(bound): met" : "\(bound): **missed**")
        }
        // The count is a difference of two whole-run totals; under one allocation per hundred decisions is a one-off
        // (a runtime cache growing), not an allocation per decision.
        if let aim = kind.aimAllocations, let allocations {
            parts.append(allocations < aim + 0.01 ? "no allocation: met" : "no allocation: **missed**")
        }
        return parts.joined(separator: "; ")
    }

    /// Fixed-point formatting without Foundation.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let whole = magnitude / Int(scale)
        var text = String(whole)
        if decimals > 0 {
            let fraction = String(magnitude % Int(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }
}
