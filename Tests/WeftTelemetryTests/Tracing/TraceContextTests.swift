import PropertyBased
import Testing
import WeftTelemetry

@Suite("W3C traceparent and x-request-id")
struct TraceContextTests {
    private static let example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test(
        "Valid traceparent values parse to their fields",
        arguments: [
            (example, "4bf92f3577b34da6a3ce929d0e0e4736", 0x00f0_67aa_0ba9_02b7, 0x01),
            (
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", "4bf92f3577b34da6a3ce929d0e0e4736",
                0x00f0_67aa_0ba9_02b7, 0x00
            ),
            ("00-00000000000000000000000000000001-0000000000000001-ff", "00000000000000000000000000000001", 1, 0xff),
            // HTTP optional whitespace around the value is ignored.
            ("  \(example)\t", "4bf92f3577b34da6a3ce929d0e0e4736", 0x00f0_67aa_0ba9_02b7, 0x01),
            // A future version: its first 55 characters parse as version 00, extra fields are dropped.
            (
                "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736",
                0x00f0_67aa_0ba9_02b7, 0x01
            ),
            (
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future-holds",
                "4bf92f3577b34da6a3ce929d0e0e4736", 0x00f0_67aa_0ba9_02b7, 0x09
            ),
        ] as [(String, String, UInt64, UInt8)]
    )
    func valid(text: String, traceID: String, parentID: UInt64, flags: UInt8) throws {
        let context = try TraceContext(traceparent: text)
        #expect(context.traceID.description == traceID)
        #expect(context.parentID == parentID)
        #expect(context.flags == flags)
        #expect(context.isSampled == (flags & 1 == 1))
        #expect(TraceContext.isValid(traceparent: text))
    }

    @Test(
        "Invalid traceparent values are refused with the reason",
        arguments: [
            ("", TraceContext.ParseError.wrongLength(0)),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0", .wrongLength(54)),
            (example + "-01", .wrongLength(58)),
            (example + " x", .wrongLength(57)),
            ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", .invalidVersion),
            ("0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", .invalidVersion),
            ("0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", .invalidVersion),
            ("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", .malformed),
            ("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", .malformed),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01", .malformed),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01", .malformed),
            ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", .invalidTraceID),
            ("00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01", .invalidTraceID),
            ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", .zeroTraceID),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", .invalidParentID),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", .zeroParentID),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0G", .invalidFlags),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-AB", .invalidFlags),
        ] as [(String, TraceContext.ParseError)]
    )
    func invalid(text: String, error: TraceContext.ParseError) {
        #expect(throws: error) { try TraceContext(traceparent: text) }
        #expect(!TraceContext.isValid(traceparent: text))
    }

    @Test("Formatting then parsing gives back the same context, and the same text for version 00")
    func roundTrip() async {
        await propertyCheck(input: Gen.uint64(), Gen.uint64(), Gen.uint64(), Gen.uint8()) { high, low, parent, flags in
            guard let context = TraceContext(traceID: TraceID(high: high, low: low), parentID: parent, flags: flags)
            else {
                // Only all-zero ids are refused.
                #expect((high == 0 && low == 0) || parent == 0)
                return
            }
            let text = context.traceparent
            #expect(text.utf8.count == 55)
            #expect(text.hasPrefix("00-"))
            #expect(
                text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (48...57).contains($0) || (97...102).contains($0) }
            )
            let parsed = try? TraceContext(traceparent: text)
            #expect(parsed == context)
            #expect(parsed?.traceparent == text)
        }
    }

    @Test("A child keeps the trace, gets a new parent id from the RNG and keeps only the sampled flag")
    func child() throws {
        let parent = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff")
        // A zero draw is skipped: a parent id is never all zeros.
        var rng = ScriptedRandom(0, 0x0123_4567_89ab_cdef)
        let child = parent.child(using: &rng)
        #expect(child.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-0123456789abcdef-01")
    }

    @Test("Outgoing requests continue a valid incoming trace and start a new one otherwise")
    func outgoing() {
        var rng = ScriptedRandom(0xaaaa_aaaa_aaaa_aaaa, 0xbbbb_bbbb_bbbb_bbbb, 0xcccc_cccc_cccc_cccc)
        #expect(
            TraceContext.outgoing(from: Self.example, sampled: false, using: &rng).traceparent
                == "00-4bf92f3577b34da6a3ce929d0e0e4736-aaaaaaaaaaaaaaaa-01"
        )
        var fresh = ScriptedRandom(0xaaaa_aaaa_aaaa_aaaa, 0xbbbb_bbbb_bbbb_bbbb, 0xcccc_cccc_cccc_cccc)
        #expect(
            TraceContext.outgoing(from: "garbage", sampled: true, using: &fresh).traceparent
                == "00-aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb-cccccccccccccccc-01"
        )
        var unsampled = ScriptedRandom(0, 0, 7)
        #expect(
            TraceContext.outgoing(from: nil, sampled: false, using: &unsampled).traceparent
                == "00-00000000000000000000000000000007-0000000000000007-00"
        )
    }

    @Test("Fields with explicit zero ids are refused")
    func zeroIDs() {
        #expect(TraceContext(traceID: TraceID(high: 0, low: 0), parentID: 1, flags: 0) == nil)
        #expect(TraceContext(traceID: TraceID(high: 0, low: 1), parentID: 0, flags: 0) == nil)
        #expect(
            TraceContext(traceID: TraceID(high: 0, low: 1), parentID: 1, flags: 0)?.description
                == "00-00000000000000000000000000000001-0000000000000001-00"
        )
    }

    @Test("x-request-id is a lower-case UUID v4 built from the injected RNG")
    func requestID() {
        var rng = ScriptedRandom(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210)
        #expect(RequestID.generate(using: &rng) == "01234567-89ab-4def-bedc-ba9876543210")
        var zeros = ScriptedRandom(0, 0)
        #expect(RequestID.generate(using: &zeros) == "00000000-0000-4000-8000-000000000000")
        var ones = ScriptedRandom(.max, .max)
        #expect(RequestID.generate(using: &ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
    }

    @Test("Every x-request-id has the UUID v4 shape")
    func requestIDShape() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let id = Array(RequestID.generate(using: &rng).utf8)
            #expect(id.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { id[$0] == UInt8(ascii: "-") })
            #expect(id[14] == UInt8(ascii: "4"))
            #expect("89ab".utf8.contains(id[19]))
            let hexDigits = id.enumerated().filter { ![8, 13, 18, 23].contains($0.offset) }.map(\.element)
            #expect(hexDigits.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        }
    }
}
