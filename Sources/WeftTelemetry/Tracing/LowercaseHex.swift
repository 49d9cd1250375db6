/// Lower-case hexadecimal, the only form W3C Trace Context allows (`HEXDIGLC`) and the form of UUID text.
enum LowercaseHex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as exactly `count` hex digits (the low `4 * count` bits), most significant first.
    static func append(_ value: UInt64, digits count: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 4, through: 0, by: -4) {
            bytes.append(Self.digits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }

    /// Parses up to 16 lower-case hex digits; `nil` if any byte is not `0-9` or `a-f` (upper case included).
    static func parse(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard bytes.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let nibble = Self.nibble(byte) else { return nil }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

extension RandomNumberGenerator {
    /// A random value other than zero, for identifiers where all-zero means "invalid".
    mutating func nextNonZero() -> UInt64 {
        while true {
            let value = self.next()
            if value != 0 { return value }
        }
    }
}
