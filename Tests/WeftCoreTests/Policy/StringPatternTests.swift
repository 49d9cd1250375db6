import Testing
import WeftCore

@Suite("Authorization string patterns")
struct StringPatternTests {
    @Test(
        "`*`, `prefix*`, `*suffix` and exact values match as in Istio",
        arguments: [
            ("*", "anything", true), ("*", "", false),
            ("cluster.local/ns/foo/*", "cluster.local/ns/foo/sa/a", true),
            ("cluster.local/ns/foo/*", "cluster.local/ns/foo2/sa/a", false),
            ("*/sa/curl", "cluster.local/ns/bar/sa/curl", true), ("*/sa/curl", "x/sa/curly", false),
            ("GET", "GET", true), ("GET", "get", false),
            // A leading `*` wins: `*abc*` is the suffix `abc*`, as istiod converts it.
            ("*abc*", "xabc*", true), ("*abc*", "xabcd", false),
        ]
    )
    func matching(pattern: String, value: String, matches: Bool) {
        #expect(StringPattern(pattern).matches(value) == matches)
        #expect(StringPattern(pattern).description == pattern)
    }
}
