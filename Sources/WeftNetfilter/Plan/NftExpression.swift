/// One nftables VM expression, as the kernel stores it: the unit the encoder sends and the read-back compares.
///
/// ``NftMatch`` and ``NftAction`` lower to these. Data is kept as the exact bytes on the wire: ports and
/// addresses in network order, marks, zones and cgroup ids in host order (swift-notes §1 "Byte order").
/// `description` follows `nft --debug=netlink` so a drift report reads like the kernel's own listing.
package enum NftExpression: Hashable, Sendable, CustomStringConvertible {
    /// `meta load KEY => reg R`
    case meta(NftMetaKey, register: UInt32)
    /// `meta set KEY with reg R`
    case metaSet(NftMetaKey, register: UInt32)
    /// `cmp OP reg R DATA`
    case compare(NftCompareOperator, register: UInt32, data: [UInt8])
    /// `payload load LEN b @ BASE header + OFFSET => reg R`
    case payload(NftPayloadBase, offset: UInt32, length: UInt32, register: UInt32)
    /// `bitwise reg D = (reg S & MASK) ^ XOR`
    case bitwise(source: UInt32, destination: UInt32, mask: [UInt8], xor: [UInt8])
    /// `immediate reg R DATA`
    case immediate(register: UInt32, data: [UInt8])
    /// `immediate reg 0 VERDICT`
    case verdict(NftVerdict)
    /// `redir proto_min reg R flags 0x2` (the port comes from a register set just before).
    case redirect(portRegister: UInt32)
    /// `counter`; the packet and byte counts are not part of a rule's identity.
    case counter
    /// `ct load KEY => reg R`
    case conntrack(NftConntrackKey, register: UInt32)
    /// `ct set KEY with reg R`
    case conntrackSet(NftConntrackKey, register: UInt32)
    /// `socket load KEY [level L] => reg R`
    case socket(NftSocketKey, level: UInt32, register: UInt32)
    /// `fib daddr type => reg R`
    case fibDestinationType(register: UInt32)
    /// An expression the read-back does not model; it never equals anything a plan produces.
    case unknown(String)

    package var description: String {
        switch self {
        case .meta(let key, let register):
            return "[ meta load \(key.rawValue) => reg \(register) ]"
        case .metaSet(let key, let register):
            return "[ meta set \(key.rawValue) with reg \(register) ]"
        case .compare(let op, let register, let data):
            return "[ cmp \(op.rawValue) reg \(register) \(Self.hex(data)) ]"
        case .payload(let base, let offset, let length, let register):
            return "[ payload load \(length)b @ \(base.rawValue) header + \(offset) => reg \(register) ]"
        case .bitwise(let source, let destination, let mask, let xor):
            return "[ bitwise reg \(destination) = ( reg \(source) & \(Self.hex(mask)) ) ^ \(Self.hex(xor)) ]"
        case .immediate(let register, let data):
            return "[ immediate reg \(register) \(Self.hex(data)) ]"
        case .verdict(let verdict):
            return "[ immediate reg 0 \(verdict.rawValue) ]"
        case .redirect(let register):
            return "[ redir proto_min reg \(register) flags 0x2 ]"
        case .counter:
            return "[ counter ]"
        case .conntrack(let key, let register):
            return "[ ct load \(key.rawValue) => reg \(register) ]"
        case .conntrackSet(let key, let register):
            return "[ ct set \(key.rawValue) with reg \(register) ]"
        case .socket(let key, let level, let register):
            let levelText = key == .cgroupv2 ? " level \(level)" : ""
            return "[ socket load \(key.rawValue)\(levelText) => reg \(register) ]"
        case .fibDestinationType(let register):
            return "[ fib daddr type => reg \(register) ]"
        case .unknown(let text):
            return "[ \(text) ]"
        }
    }

    /// Bytes as nft prints them: 32-bit words in host (little-endian) order, zero-padded.
    static func hex(_ bytes: [UInt8]) -> String {
        var words: [String] = []
        var index = 0
        while index < bytes.count {
            var word: UInt32 = 0
            for offset in 0..<4 where index + offset < bytes.count {
                word |= UInt32(bytes[index + offset]) << (8 * UInt32(offset))
            }
            let digits = String(word, radix: 16)
            words.append("0x" + String(repeating: "0", count: 8 - digits.count) + digits)
            index += 4
        }
        return words.joined(separator: " ")
    }
}

/// `meta` keys Weft uses.
package enum NftMetaKey: String, Hashable, Sendable, CaseIterable {
    case l4proto
    case nfproto
    case mark
    case oifname
}

/// `ct` keys Weft uses.
package enum NftConntrackKey: String, Hashable, Sendable, CaseIterable {
    case mark
    case zone
}

/// `socket` keys Weft uses.
package enum NftSocketKey: String, Hashable, Sendable, CaseIterable {
    case cgroupv2
}

/// Where a `payload` load starts.
package enum NftPayloadBase: String, Hashable, Sendable, CaseIterable {
    case network
    case transport
}

/// `cmp` operators Weft uses.
package enum NftCompareOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "eq"
    case notEqual = "neq"
}

/// Terminal verdicts Weft uses.
package enum NftVerdict: String, Hashable, Sendable, CaseIterable {
    case accept
    case drop
}

/// Registers: Weft, like nft, does all its work in the first 128-bit data register.
package enum NftRegister {
    /// `NFT_REG_1`.
    package static let one: UInt32 = 1
}
