/// xxHash64, the hash Envoy uses for ring hash, Maglev and hash policies. Weft needs a hash that is the same
/// in every process and on every run (Swift's `Hasher` is seeded per process), so that every node maps a key
/// to the same endpoint and a restart keeps sessions where they were.
///
/// Written from the public xxHash specification (XXH64); `XXHash64Tests` checks the reference vectors.
package enum XXHash64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of a string's UTF-8 bytes. Does not allocate for native strings.
    package static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var text = text
        return text.withUTF8 { Self.hash(bytes: $0, seed: seed) }
    }

    /// The hash of `bytes`.
    package static func hash(bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var accumulator: UInt64
        if count >= 32 {
            var lane1 = seed &+ Self.prime1 &+ Self.prime2
            var lane2 = seed &+ Self.prime2
            var lane3 = seed
            var lane4 = seed &- Self.prime1
            while offset + 32 <= count {
                lane1 = Self.round(lane1, Self.read64(bytes, offset))
                lane2 = Self.round(lane2, Self.read64(bytes, offset + 8))
                lane3 = Self.round(lane3, Self.read64(bytes, offset + 16))
                lane4 = Self.round(lane4, Self.read64(bytes, offset + 24))
                offset += 32
            }
            accumulator =
                lane1.rotatedLeft(by: 1) &+ lane2.rotatedLeft(by: 7) &+ lane3.rotatedLeft(by: 12)
                &+ lane4.rotatedLeft(by: 18)
            accumulator = Self.merge(accumulator, lane1)
            accumulator = Self.merge(accumulator, lane2)
            accumulator = Self.merge(accumulator, lane3)
            accumulator = Self.merge(accumulator, lane4)
        } else {
            accumulator = seed &+ Self.prime5
        }
        accumulator &+= UInt64(count)
        while offset + 8 <= count {
            accumulator ^= Self.round(0, Self.read64(bytes, offset))
            accumulator = accumulator.rotatedLeft(by: 27) &* Self.prime1 &+ Self.prime4
            offset += 8
        }
        if offset + 4 <= count {
            accumulator ^= UInt64(Self.read32(bytes, offset)) &* Self.prime1
            accumulator = accumulator.rotatedLeft(by: 23) &* Self.prime2 &+ Self.prime3
            offset += 4
        }
        while offset < count {
            accumulator ^= UInt64(bytes[offset]) &* Self.prime5
            accumulator = accumulator.rotatedLeft(by: 11) &* Self.prime1
            offset += 1
        }
        accumulator ^= accumulator >> 33
        accumulator &*= Self.prime2
        accumulator ^= accumulator >> 29
        accumulator &*= Self.prime3
        accumulator ^= accumulator >> 32
        return accumulator
    }

    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        (accumulator &+ input &* Self.prime2).rotatedLeft(by: 31) &* Self.prime1
    }

    private static func merge(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        (accumulator ^ Self.round(0, lane)) &* Self.prime1 &+ Self.prime4
    }

    /// Little-endian reads, byte by byte: no alignment assumptions.
    private static func read64(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        return value
    }

    private static func read32(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        return value
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by amount: UInt64) -> UInt64 {
        (self << amount) | (self >> (64 - amount))
    }
}
