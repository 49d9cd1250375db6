import PropertyBased
import Testing

@testable import WeftDNS

@Suite("DNS names")
struct DNSNameTests {
    @Test(
        "Presentation text parses to labels and prints with a trailing dot",
        arguments: [
            ("reviews.default.svc.cluster.local", "reviews.default.svc.cluster.local."),
            ("Reviews.Default.", "Reviews.Default."), (".", "."), ("a\\.b.c", "a\\.b.c."),
            ("\\000\\255x", "\\000\\255x."), ("back\\\\slash", "back\\\\slash."), ("a\\.", "a\\.."),
        ]
    )
    func parsesAndPrints(text: String, printed: String) throws {
        #expect(try DNSName(parsing: text).description == printed)
    }

    @Test("Labels keep their raw bytes, escapes included")
    func rawLabels() throws {
        #expect(try name("a\\.b.c").labels == [Array("a.b".utf8), Array("c".utf8)])
        #expect(try name("\\000x").labels == [[0, 0x78]])
        #expect(try name(".").labels.isEmpty)
    }

    @Test(
        "Invalid names are rejected with the reason",
        arguments: [
            ("", DNSName.ValidationError.emptyLabel), ("a..b", .emptyLabel), ("..", .emptyLabel),
            (String(repeating: "x", count: 64), .labelTooLong(64)),
            (Array(repeating: String(repeating: "x", count: 63), count: 4).joined(separator: "."), .nameTooLong(257)),
            ("a\\25", .badEscape("a\\25")), ("a\\256", .badEscape("a\\256")), ("a\\", .badEscape("a\\")),
        ]
    )
    func rejected(text: String, error: DNSName.ValidationError) {
        #expect(throws: error) { try DNSName(parsing: text) }
    }

    @Test("The longest legal name is 255 bytes on the wire")
    func longestName() throws {
        let labels = Array(repeating: String(repeating: "x", count: 63), count: 3) + [String(repeating: "y", count: 61)]
        let longest = try name(labels.joined(separator: "."))
        #expect(longest.wireLength == 255)
        #expect(longest.appending(try name("z")) == nil)
    }

    @Test("Case folding touches ASCII letters only")
    func caseFolding() throws {
        let mixed = try DNSName(labels: [Array("ReViEwS".utf8), [0xc3, 0x84, 0x5b, 0x40]])
        #expect(mixed.lowercased().labels == [Array("reviews".utf8), [0xc3, 0x84, 0x5b, 0x40]])
        #expect(try name("REVIEWS.default").equalsIgnoringCase(try name("reviews.DEFAULT")))
        #expect(!(try name("reviews.default").equalsIgnoringCase(try name("reviews.default.svc"))))
    }

    @Test("A proper suffix needs more labels and ignores case")
    func suffix() throws {
        let full = try name("reviews.default.svc.cluster.local")
        #expect(full.hasProperSuffix(try name("SVC.cluster.local")))
        #expect(!full.hasProperSuffix(full))
        #expect(!full.hasProperSuffix(try name("other.local")))
        #expect(full.prefix(2) == (try name("reviews.default")))
        #expect(full.dropFirst(3) == (try name("cluster.local")))
    }

    @Test("Any name survives printing and parsing")
    func textRoundTrip() async {
        let labelGenerator = Gen<UInt8>.uint8().array(of: 1...12)
        await propertyCheck(input: labelGenerator.array(of: 0...6)) { labels throws in
            let name = try DNSName(labels: labels)
            #expect(try DNSName(parsing: name.description) == name)
        }
    }
}
