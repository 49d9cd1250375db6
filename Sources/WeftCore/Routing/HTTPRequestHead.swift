/// One header line of a request, its name lower-cased (HTTP/2 form) so lookups need no case folding.
package struct HTTPHeaderField: Hashable, Sendable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name.lowercased()
        self.value = value
    }
}

/// What L7 routing looks at in a request: the pseudo-headers and the header lines, never the body.
package struct HTTPRequestHead: Hashable, Sendable {
    package var method: String
    package var scheme: String
    /// `:authority`, or HTTP/1.1 `Host`.
    package var authority: String
    /// `:path` with its query string.
    package var path: String
    package var headers: [HTTPHeaderField]

    package init(
        method: String = "GET",
        scheme: String = "http",
        authority: String,
        path: String = "/",
        headers: [HTTPHeaderField] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.headers = headers
    }

    /// The value of header `name` (lower case); several lines of one header are joined with `,`, as Envoy does
    /// before matching.
    package func header(_ name: String) -> String? {
        var found: String?
        for field in self.headers where field.name == name {
            if let previous = found {
                found = previous + "," + field.value
            } else {
                found = field.value
            }
        }
        return found
    }

    /// The path without `?query` and `#fragment`: what exact and regex URI matches compare against.
    package var pathWithoutQuery: Substring {
        let end = self.path.utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return self.path[..<(end ?? self.path.endIndex)]
    }

    /// The query string after `?`, without the fragment; nil when there is none.
    package var query: Substring? {
        guard let mark = self.path.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let start = self.path.index(after: mark)
        let end = self.path[start...].utf8.firstIndex(of: UInt8(ascii: "#")) ?? self.path.endIndex
        return self.path[start..<end]
    }

    /// The first value of query parameter `name`, percent-decoded; `""` for `?name` without a value, nil when the
    /// parameter is absent (Envoy's query parameter matcher looks at the first occurrence).
    package func queryParameter(_ name: String) -> String? {
        guard let query = self.query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard PercentDecoding.decode(parts[0]) == name else { continue }
            return parts.count > 1 ? PercentDecoding.decode(parts[1]) : ""
        }
        return nil
    }
}

/// `%XX` decoding of URL components; malformed escapes are kept as written.
enum PercentDecoding {
    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = Self.hexValue(iterator[iterator.startIndex]),
                let low = Self.hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
