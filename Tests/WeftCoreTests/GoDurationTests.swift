import Testing
import WeftCore

@Suite("Go-syntax durations")
struct GoDurationTests {
    @Test(
        "Valid durations parse to the right value",
        arguments: [
            ("500ms", Duration.milliseconds(500)), ("0.5s", .milliseconds(500)), ("1.5s", .milliseconds(1500)),
            ("3m", .seconds(180)), ("1m30s", .seconds(90)), ("1h", .seconds(3600)), ("250us", .microseconds(250)),
            ("250µs", .microseconds(250)), ("10ns", .nanoseconds(10)), ("0", .zero), ("0s", .zero),
            ("1h2m3s4ms", .milliseconds(3_723_004)),
        ]
    )
    func parses(text: String, expected: Duration) throws {
        #expect(try GoDuration.parse(text) == expected)
    }

    @Test(
        "Text that is not a Go duration is rejected",
        arguments: ["", "5", "5 seconds", "1.5", "s", "1x", "1..5s", "abc"]
    )
    func rejects(text: String) {
        #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse(text) }
    }

    @Test("Formatting round-trips", arguments: ["100ms", "1s", "1m30s", "2h", "1h1m1s", "250us", "10ns"])
    func roundTrip(text: String) throws {
        #expect(GoDuration.format(try GoDuration.parse(text)) == text)
    }
}
