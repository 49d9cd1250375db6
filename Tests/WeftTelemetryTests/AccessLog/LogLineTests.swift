import Logging
import Testing
import WeftTelemetry

@Suite("Log lines: text and JSON rendering")
struct LogLineTests {
    private func line(_ value: LogValue) -> LogLine {
        LogLine(time: fixedTime, level: .info, scope: "access", message: "m", fields: [LogField("k", value)])
    }

    @Test(
        "Text values are bare when safe and quoted with escapes when needed",
        arguments: [
            ("plain", "plain"),
            ("", #""""#),
            ("a b", #""a b""#),
            (#"say "hi""#, #""say \"hi\"""#),
            (#"C:\dir"#, #""C:\\dir""#),
            ("k=v", #""k=v""#),
            ("line1\nline2\r", #""line1\nline2\r""#),
            ("tab\there", #""tab\there""#),
            ("\u{1B}[31m", #""\u001b[31m""#),
            ("\u{7F}\u{85}", #""\u007f\u0085""#),
            ("a\u{2028}b", #""a\u2028b""#),
            ("héllo/✓", "héllo/✓"),
            ("spiffe://cluster.local/ns/default/sa/sleep", "spiffe://cluster.local/ns/default/sa/sleep"),
        ]
    )
    func textValues(value: String, rendered: String) {
        #expect(self.line(.string(value)).text == "2026-11-20T09:05:03.012345Z\tinfo\taccess\tm\tk=\(rendered)")
    }

    @Test(
        "JSON strings escape quotes, backslashes and control characters only",
        arguments: [
            ("plain", #""plain""#),
            (#"say "hi""#, #""say \"hi\"""#),
            (#"C:\dir"#, #""C:\\dir""#),
            ("a\nb\rc\td", #""a\nb\rc\td""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{01}\u{1F}", #""\u0001\u001f""#),
            ("héllo/✓\u{7F}", "\"héllo/✓\u{7F}\""),
            ("", #""""#),
        ]
    )
    func jsonValues(value: String, rendered: String) {
        #expect(
            self.line(.string(value)).json
                == #"{"level":"info","time":"2026-11-20T09:05:03.012345Z","scope":"access","message":"m","k":"#
                + rendered + "}"
        )
    }

    @Test("Numbers stay numbers; an absent value is - in text and null in JSON")
    func typedValues() {
        let line = LogLine(
            time: fixedTime,
            level: .warning,
            scope: "proxy",
            message: "done",
            fields: [
                LogField("signed", .integer(-5)), LogField("unsigned", .unsigned(UInt64.max)),
                LogField("missing", .absent), LogField("maybe", .optional(nil)), LogField("there", .optional("x")),
            ]
        )
        #expect(
            line.text
                == "2026-11-20T09:05:03.012345Z\twarn\tproxy\tdone\tsigned=-5 unsigned=18446744073709551615 "
                + "missing=- maybe=- there=x"
        )
        #expect(
            line.json
                == #"{"level":"warn","time":"2026-11-20T09:05:03.012345Z","scope":"proxy","message":"done","#
                + #""signed":-5,"unsigned":18446744073709551615,"missing":null,"maybe":null,"there":"x"}"#
        )
    }

    @Test("Message, scope and keys stay on one line and keep the tab columns")
    func freeText() {
        let line = LogLine(
            time: fixedTime,
            level: .critical,
            scope: "a\tb",
            message: "bad\nthing happened",
            fields: []
        )
        #expect(line.text == "2026-11-20T09:05:03.012345Z\terror\ta\\tb\tbad\\nthing happened")
        #expect(line.rendered(.json).contains(#""message":"bad\nthing happened""#))
        #expect(!line.text.contains("\n") && !line.json.contains("\n"))
    }

    @Test(
        "Istio level names",
        arguments: [
            (Logger.Level.trace, "trace"), (.debug, "debug"), (.info, "info"), (.notice, "info"), (.warning, "warn"),
            (.error, "error"), (.critical, "error"),
        ]
    )
    func levels(level: Logger.Level, expected: String) {
        #expect(LogLine.levelName(level) == expected)
    }

    @Test(
        "Timestamps are RFC 3339 UTC with microseconds, leap days included",
        arguments: [
            (0, 0, "1970-01-01T00:00:00.000000Z"),
            (-1, 0, "1969-12-31T23:59:59.000000Z"),
            (951_782_400, 0, "2000-02-29T00:00:00.000000Z"),
            (1_709_251_199, 999_999_999, "2024-02-29T23:59:59.999999Z"),
            (4_102_444_799, 1000, "2099-12-31T23:59:59.000001Z"),
            (253_402_300_799, 0, "9999-12-31T23:59:59.000000Z"),
            (-62_135_596_800, 0, "0001-01-01T00:00:00.000000Z"),
            (1_795_165_503, 12_345_678, "2026-11-20T09:05:03.012345Z"),
        ] as [(Int64, UInt32, String)]
    )
    func timestamps(seconds: Int64, nanoseconds: UInt32, text: String) {
        #expect(WallClockTime(secondsSinceEpoch: seconds, nanoseconds: nanoseconds).rfc3339 == text)
    }
}
