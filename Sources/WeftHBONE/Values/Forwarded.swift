import WeftCore

/// The RFC 7239 `forwarded` header HBONE clients send: `for="<client ip:port>"[;host=<destination service>]`
/// (ztunnel.md §2.4). The destination uses `for` to learn the original client and `host` only to pick the
/// `destination_service` metric label; neither is trusted for policy (§2.5).
package struct Forwarded: Hashable, Sendable, CustomStringConvertible {
    /// The `for` node: the client address, with its port when known.
    package struct Node: Hashable, Sendable, CustomStringConvertible {
        package var address: IPAddress
        package var port: UInt16?

        package init(address: IPAddress, port: UInt16? = nil) {
            self.address = address
            self.port = port
        }

        /// `10.0.0.1:1234`, `[fd00::1]:1234`, `10.0.0.1` or `[fd00::1]` (RFC 7239 §6: IPv6 always in brackets).
        package var description: String {
            let host = self.address.isIPv4 ? "\(self.address)" : "[\(self.address)]"
            return self.port.map { "\(host):\($0)" } ?? host
        }

        /// Parses the node forms above; `unknown` and obfuscated identifiers (`_hidden`) give nil.
        package init?(parsing text: Substring) {
            var host = text
            var port: UInt16?
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else { return nil }
                host = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.hasPrefix(":"), let value = Self.parsePort(rest.dropFirst()) else { return nil }
                    port = value
                }
                guard host.contains(":") else { return nil }
            } else if let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                guard let value = Self.parsePort(text[text.index(after: colon)...]) else { return nil }
                port = value
            }
            guard let address = IPAddress(String(host)), address.isIPv4 == !text.hasPrefix("[") else { return nil }
            self.address = address
            self.port = port
        }

        private static func parsePort(_ text: Substring) -> UInt16? {
            guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return nil
            }
            return UInt16(text)
        }
    }

    package var forNode: Node?
    /// The destination service hostname (`reviews.default.svc.cluster.local`), when the client knows it.
    package var host: String?

    package init(for forNode: Node?, host: String? = nil) {
        self.forNode = forNode
        self.host = host
    }

    /// Reads the first forwarded element (the one nearest the original client). Unknown parameters are ignored;
    /// a malformed header gives an empty value rather than an error, since it only feeds metrics.
    package init(parsing headerValue: String) {
        self.forNode = nil
        self.host = nil
        let elements = Self.split(Substring(headerValue), on: ",")
        guard let first = elements.first else { return }
        for pair in Self.split(first, on: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingSpaces().lowercased()
            guard let value = Self.unquote(pair[pair.index(after: equals)...].trimmingSpaces()) else { continue }
            switch name {
            case "for": self.forNode = Node(parsing: Substring(value))
            case "host": self.host = value.isEmpty ? nil : value
            default: continue
            }
        }
    }

    /// `for="10.0.0.1:1234";host=reviews.default.svc.cluster.local`. `for` is always quoted because `:` and `[`
    /// are not token characters; `host` is quoted only when it is not a token.
    package var headerValue: String {
        var pairs: [String] = []
        if let forNode = self.forNode {
            pairs.append("for=\"\(forNode)\"")
        }
        if let host = self.host {
            pairs.append("host=" + (Baggage.isToken(Substring(host)) ? host : Self.quote(host)))
        }
        return pairs.joined(separator: ";")
    }

    package var description: String { self.headerValue }

    // MARK: - Grammar

    /// Splits on `separator` outside quoted strings.
    private static func split(_ text: Substring, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                escaped = false
            } else if inQuotes && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == separator && !inQuotes {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts.filter { !$0.trimmingSpaces().isEmpty }
    }

    /// A token as is, or a quoted string with its escapes removed; nil for an unterminated quote.
    private static func unquote(_ text: Substring) -> String? {
        guard text.hasPrefix("\"") else { return String(text) }
        guard text.count >= 2, text.hasSuffix("\"") else { return nil }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP `OWS`).
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
