import PropertyBased
import Testing
import WeftHBONE

/// A deterministic generator for tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Returns zeros first, then counts up: checks that generated ids are never zero.
struct ZerosFirstGenerator: RandomNumberGenerator {
    var zeros: Int
    var counter: UInt64 = 0

    mutating func next() -> UInt64 {
        if self.zeros > 0 {
            self.zeros -= 1
            return 0
        }
        self.counter += 1
        return self.counter
    }
}

@Suite("W3C traceparent")
struct TraceParentTests {
    @Test("The W3C example parses and prints back")
    func example() throws {
        let text = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let parent = try TraceParent(parsing: text)
        #expect(parent.version == 0)
        #expect(parent.traceID == 0x0af7_6519_16cd_43dd_8448_eb21_1c80_319c)
        #expect(parent.parentID == 0xb7ad_6b71_6920_3331)
        #expect(parent.isSampled)
        #expect(parent.description == text)
    }

    @Test("Generation uses the injected generator and never yields zero ids")
    func generation() {
        var rng = ZerosFirstGenerator(zeros: 3)
        let parent = TraceParent.random(using: &rng)
        // Two zero draws make a zero trace id and are retried; the third zero is the trace id's high half.
        #expect(parent.description == "00-00000000000000000000000000000001-0000000000000002-00")
        var seeded = SplitMix64(state: 42)
        var again = SplitMix64(state: 42)
        #expect(TraceParent.random(using: &seeded) == TraceParent.random(using: &again))
    }

    @Test(
        "Invalid values are refused with the reason",
        arguments: [
            (
                "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
                "traceparent \"00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"
            ),
            (
                "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "traceparent \"ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\" has the invalid version ff"
            ),
            (
                "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "traceparent \"00-00000000000000000000000000000000-b7ad6b7169203331-01\" has an all-zero trace id"
            ),
            (
                "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
                "traceparent \"00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01\" has an all-zero parent id"
            ),
            (
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
                "traceparent \"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"
            ),
            (
                "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x",
                "traceparent \"01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"
            ),
            ("00-abc", "traceparent \"00-abc\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"),
            ("", "traceparent \"\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"),
        ]
    )
    func rejects(text: String, reason: String) {
        #expect(throws: TraceParent.ParseError.self) { try TraceParent(parsing: text) }
        do {
            _ = try TraceParent(parsing: text)
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test("A future version may carry more fields, which are ignored")
    func futureVersion() throws {
        let parent = try TraceParent(
            parsing: "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds"
        )
        #expect(parent.version == 0xcc)
        #expect(parent.parentID == 0xb7ad_6b71_6920_3331)
    }

    @Test("Generated values always parse back to themselves")
    func roundTrip() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            var rng = SplitMix64(state: seed)
            let parent = TraceParent.random(using: &rng, flags: UInt8(seed & 1))
            #expect(parent.description.count == 55)
            #expect((try? TraceParent(parsing: parent.description)) == parent)
        }
    }
}
