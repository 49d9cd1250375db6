/// An IPv4 or IPv6 address as a value, parsed and printed without any system library (WeftCore does no I/O).
package enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(UInt32)
    case v6(UInt128)

    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed(String)
        package var description: String {
            switch self {
            case .malformed(let text): return "\"\(text)\" is not an IP address"
            }
        }
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail). No zone ids.
    package init(parsing text: String) throws(ParseError) {
        if let v4 = Self.parseV4(Substring(text)) {
            self = .v4(v4)
        } else if let v6 = Self.parseV6(text) {
            self = .v6(v6)
        } else {
            throw .malformed(text)
        }
    }

    package init?(_ text: String) {
        guard let parsed = try? IPAddress(parsing: text) else { return nil }
        self = parsed
    }

    package var isIPv4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// Address length in bits: 32 or 128.
    package var bitWidth: Int { self.isIPv4 ? 32 : 128 }

    package var description: String {
        switch self {
        case .v4(let value):
            return "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
        case .v6(let value):
            return Self.formatV6(value)
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a), .v6(let b)): return a < b
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }

    private static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let octet = UInt32(part), octet <= 255, part.count == 1 || part.first != "0"
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    private static func parseV6(_ text: String) -> UInt128? {
        guard text.contains(":"), !text.contains(":::") else { return nil }
        let halves = Self.splitOnDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xffff))
                } else {
                    guard (1...4).contains(piece.count), let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    private static func splitOnDoubleColon(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousWasColon = false
        for character in text {
            if character == ":" && previousWasColon {
                current.removeLast()
                parts.append(current)
                current = ""
                previousWasColon = false
                continue
            }
            previousWasColon = character == ":"
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    private static func formatV6(_ value: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
        // RFC 5952: compress the longest run (length ≥ 2) of zero groups, the first one on ties.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength && end - index >= 2 {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}

/// An address block such as `10.248.0.0/16` or `fd00:248::/32`. A bare address means a single host.
package struct CIDR: Hashable, Sendable, CustomStringConvertible {
    /// The address as written; Istio accepts non-canonical blocks such as `5.6.7.1/24`.
    package var address: IPAddress
    package var prefixLength: Int

    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed(String)
        case prefixTooLong(String, max: Int)
        package var description: String {
            switch self {
            case .malformed(let text): return "\"\(text)\" is not an IP address or CIDR block"
            case .prefixTooLong(let text, let max): return "prefix length in \"\(text)\" exceeds \(max)"
            }
        }
    }

    package init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    package init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { throw .malformed(text) }
        var length = address.bitWidth
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let parsed = Int(parts[1])
            else { throw .malformed(text) }
            guard parsed <= address.bitWidth else { throw .prefixTooLong(text, max: address.bitWidth) }
            length = parsed
        }
        self.address = address
        self.prefixLength = length
    }

    package func contains(_ candidate: IPAddress) -> Bool {
        switch (self.address, candidate) {
        case (.v4(let network), .v4(let value)):
            if self.prefixLength == 0 { return true }
            let mask = UInt32.max << UInt32(32 - self.prefixLength)
            return network & mask == value & mask
        case (.v6(let network), .v6(let value)):
            if self.prefixLength == 0 { return true }
            let mask = UInt128.max << UInt128(128 - self.prefixLength)
            return network & mask == value & mask
        default:
            return false
        }
    }

    package var description: String { "\(self.address)/\(self.prefixLength)" }
}
