/// The parts of a request that a consistent-hash key (`ConsistentHash.Key`) can be taken from. The routing
/// code's request type conforms; `HashKeyRequest` is a plain implementation for tests and `weft explain`.
package protocol HashKeySource {
    /// The value of a request header; `name` is lower-case. Several values should come back joined with `,`.
    func headerValue(named name: String) -> String?
    /// The request target (`:path`), including its query string.
    var pathWithQuery: String? { get }
    /// The downstream client's IP address (the original source, not the proxy's).
    var sourceAddress: IPAddress? { get }
}

/// A plain `HashKeySource`.
package struct HashKeyRequest: HashKeySource, Hashable, Sendable {
    /// Header names are matched case-insensitively.
    package var headers: [String: String]
    package var pathWithQuery: String?
    package var sourceAddress: IPAddress?

    package init(headers: [String: String] = [:], pathWithQuery: String? = nil, sourceAddress: IPAddress? = nil) {
        self.headers = [:]
        for (name, value) in headers { self.headers[name.lowercased()] = value }
        self.pathWithQuery = pathWithQuery
        self.sourceAddress = sourceAddress
    }

    package func headerValue(named name: String) -> String? { self.headers[name] }
}

/// The hash a request carries for consistent hashing, and what the response must add.
package struct HashKeyResult: Hashable, Sendable {
    /// nil when the request lacks the key: the balancer then picks as if at random (Envoy's behaviour).
    package var hash: UInt64?
    /// A `Set-Cookie` value the response must carry: Envoy generates the affinity cookie when it is missing and
    /// `httpCookie.ttl` is set, so that the client's next request lands on the same endpoint.
    package var setCookie: String?

    package init(hash: UInt64?, setCookie: String? = nil) {
        self.hash = hash
        self.setCookie = setCookie
    }
}

extension ConsistentHash.Key {
    /// Extracts this key from a request and hashes it with xxHash64 (pure). Source-IP and query keys do not
    /// allocate; a header key lower-cases its name per call (inline, no heap, for names up to 15 bytes).
    ///
    /// - Header: the header's value. Cookie: the named cookie from the `cookie` header (quotes stripped); when
    ///   absent and a TTL is set, a cookie is generated from the client address, as Envoy derives it from the
    ///   downstream connection, so that every request on one connection gets the same cookie. Source IP: the
    ///   address bytes. Query parameter: the first value of the parameter, undecoded (Envoy does not decode it).
    package func hash(for source: some HashKeySource) -> HashKeyResult {
        switch self {
        case .httpHeaderName(let name):
            guard let value = source.headerValue(named: name.lowercased()) else { return HashKeyResult(hash: nil) }
            return HashKeyResult(hash: XXHash64.hash(value))
        case .httpCookie(let name, let path, let ttl):
            if let cookies = source.headerValue(named: "cookie"), let value = Self.cookie(named: name, in: cookies) {
                return HashKeyResult(hash: XXHash64.hash(String(value)))
            }
            guard let ttl, let address = source.sourceAddress else { return HashKeyResult(hash: nil) }
            let value = Self.hex(Self.hash(address))
            return HashKeyResult(
                hash: XXHash64.hash(value),
                setCookie: Self.setCookie(name: name, value: value, path: path, ttl: ttl)
            )
        case .useSourceIp:
            guard let address = source.sourceAddress else { return HashKeyResult(hash: nil) }
            return HashKeyResult(hash: Self.hash(address))
        case .httpQueryParameterName(let name):
            guard let target = source.pathWithQuery, let value = Self.queryParameter(named: name, in: target) else {
                return HashKeyResult(hash: nil)
            }
            var text = value
            return HashKeyResult(hash: text.withUTF8 { XXHash64.hash(bytes: $0) })
        }
    }

    /// The hash of an address's network-order bytes.
    static func hash(_ address: IPAddress) -> UInt64 {
        switch address {
        case .v4(let value):
            return withUnsafeBytes(of: value.bigEndian) { XXHash64.hash(bytes: $0.assumingMemoryBound(to: UInt8.self)) }
        case .v6(let value):
            return withUnsafeBytes(of: value.bigEndian) { XXHash64.hash(bytes: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// The value of cookie `name` in a `cookie` header (`a=1; b="2"`), without surrounding quotes.
    static func cookie(named name: String, in header: String) -> Substring? {
        for pair in header.split(separator: ";") {
            let trimmed = pair.drop(while: { $0 == " " })
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
            var value = trimmed[trimmed.index(after: equals)...]
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = value.dropFirst().dropLast()
            }
            return value
        }
        return nil
    }

    /// The first value of query parameter `name` in a request target (`/p?a=1&b=2`); a bare `a` yields "".
    static func queryParameter(named name: String, in target: String) -> Substring? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        var query = target[target.index(after: question)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        for pair in query.split(separator: "&") {
            if let equals = pair.firstIndex(of: "=") {
                if pair[..<equals] == name { return pair[pair.index(after: equals)...] }
            } else if pair == name {
                return pair[pair.endIndex...]
            }
        }
        return nil
    }

    static func setCookie(name: String, value: String, path: String?, ttl: Duration) -> String {
        var text = "\(name)=\"\(value)\""
        let seconds = ttl.components.seconds
        // A zero TTL makes a session cookie, as in Envoy: no Max-Age.
        if seconds > 0 { text += "; Max-Age=\(seconds)" }
        if let path, !path.isEmpty { text += "; Path=\(path)" }
        return text + "; HttpOnly"
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
