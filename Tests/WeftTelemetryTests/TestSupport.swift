import Synchronization
import WeftTelemetry

/// Hands out the given values in order, then repeats the last one: exact identifiers in exact-string tests.
struct ScriptedRandom: RandomNumberGenerator {
    private var values: [UInt64]
    private var index = 0

    init(_ values: UInt64...) {
        self.values = values
    }

    mutating func next() -> UInt64 {
        defer { self.index = min(self.index + 1, self.values.count - 1) }
        return self.values[self.index]
    }
}

/// SplitMix64: a small seeded generator for property tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Collects written lines in memory.
final class CollectingSink: LineSink {
    private let storage = Mutex<[String]>([])

    var lines: [String] { self.storage.withLock { $0 } }

    func write(line: String) {
        self.storage.withLock { $0.append(line) }
    }
}

/// 2026-11-20T09:05:03.012345Z.
let fixedTime = WallClockTime(secondsSinceEpoch: 1_795_165_503, nanoseconds: 12_345_678)
