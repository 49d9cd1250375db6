import Testing
import WeftCore

@Suite("Consistent-hash keys from requests")
struct HashKeyTests {
    let request = HashKeyRequest(
        headers: ["X-User": "alice", "Cookie": "theme=dark; session=\"abc123\"; lang=en"],
        pathWithQuery: "/items?page=2&user=bob&flag#frag",
        sourceAddress: IPAddress("10.1.2.3")
    )

    @Test("A header key hashes the header's value, whatever the case of its name")
    func header() {
        #expect(
            ConsistentHash.Key.httpHeaderName("x-user").hash(for: self.request)
                == HashKeyResult(hash: XXHash64.hash("alice"))
        )
        #expect(ConsistentHash.Key.httpHeaderName("X-USER").hash(for: self.request).hash == XXHash64.hash("alice"))
        #expect(ConsistentHash.Key.httpHeaderName("x-missing").hash(for: self.request) == HashKeyResult(hash: nil))
    }

    @Test("A cookie key hashes the cookie's value without quotes")
    func cookie() {
        let key = ConsistentHash.Key.httpCookie(name: "session", path: nil, ttl: nil)
        #expect(key.hash(for: self.request) == HashKeyResult(hash: XXHash64.hash("abc123")))
        let lang = ConsistentHash.Key.httpCookie(name: "lang", path: nil, ttl: nil)
        #expect(lang.hash(for: self.request).hash == XXHash64.hash("en"))
    }

    @Test("A missing cookie without TTL gives no hash; with a TTL one is generated and set")
    func generatedCookie() {
        let noTTL = ConsistentHash.Key.httpCookie(name: "sticky", path: nil, ttl: nil)
        #expect(noTTL.hash(for: self.request) == HashKeyResult(hash: nil))
        let withTTL = ConsistentHash.Key.httpCookie(name: "sticky", path: "/", ttl: .seconds(3600))
        let result = withTTL.hash(for: self.request)
        let setCookie = result.setCookie ?? ""
        #expect(setCookie.hasPrefix("sticky=\""))
        #expect(setCookie.hasSuffix("\"; Max-Age=3600; Path=/; HttpOnly"))
        // The same client gets the same cookie, and the next request presenting it hashes the same way.
        #expect(withTTL.hash(for: self.request) == result)
        let value = String(setCookie.dropFirst("sticky=\"".count).prefix(16))
        let next = HashKeyRequest(headers: ["cookie": "sticky=\"\(value)\""])
        #expect(withTTL.hash(for: next).hash == result.hash)
        #expect(withTTL.hash(for: next).setCookie == nil)
    }

    @Test("A session cookie (TTL 0) has no Max-Age")
    func sessionCookie() {
        let key = ConsistentHash.Key.httpCookie(name: "s", path: nil, ttl: .zero)
        #expect(key.hash(for: self.request).setCookie?.hasSuffix("\"; HttpOnly") == true)
        #expect(key.hash(for: self.request).setCookie?.contains("Max-Age") == false)
    }

    @Test("A source-IP key hashes the client address; different clients differ")
    func sourceIP() {
        let first = ConsistentHash.Key.useSourceIp.hash(for: self.request).hash
        let other = ConsistentHash.Key.useSourceIp.hash(for: HashKeyRequest(sourceAddress: IPAddress("10.1.2.4"))).hash
        #expect(first != nil)
        #expect(first != other)
        #expect(ConsistentHash.Key.useSourceIp.hash(for: HashKeyRequest()).hash == nil)
    }

    @Test(
        "A query-parameter key hashes the first value of the parameter",
        arguments: [
            ("user", "bob"), ("page", "2"), ("flag", ""),
        ]
    )
    func queryParameter(name: String, value: String) {
        #expect(ConsistentHash.Key.httpQueryParameterName(name).hash(for: self.request).hash == XXHash64.hash(value))
    }

    @Test("A missing query parameter, or no query at all, gives no hash")
    func missingQueryParameter() {
        #expect(ConsistentHash.Key.httpQueryParameterName("frag").hash(for: self.request).hash == nil)
        let plain = HashKeyRequest(pathWithQuery: "/items")
        #expect(ConsistentHash.Key.httpQueryParameterName("user").hash(for: plain).hash == nil)
    }
}
