/// `x-request-id` values: random (version 4) UUIDs in their lower-case text form, as Envoy generates them.
///
/// Pure and Foundation-free: the 122 random bits come from an injected generator (style G4).
package enum RequestID {
    /// A new UUID v4 text, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` with `y` one of `8 9 a b` (RFC 9562 §5.4).
    package static func generate(using rng: inout some RandomNumberGenerator) -> String {
        var high = rng.next()
        var low = rng.next()
        // Version 4 in the high nibble of byte 6; variant 0b10 in the top bits of byte 8.
        high = (high & ~0x0000_0000_0000_F000) | 0x0000_0000_0000_4000
        low = (low & ~0xC000_0000_0000_0000) | 0x8000_0000_0000_0000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        LowercaseHex.append(high >> 32, digits: 8, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(high >> 16, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(high, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(low >> 48, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(low, digits: 12, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
