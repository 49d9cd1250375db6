/// 64-bit FNV-1a over UTF-8 bytes: the same value in every process and on every node, which Swift's `Hasher`
/// (seeded per process) is not. Used where a hash must be stable across restarts, such as VIP allocation.
package enum StableHash {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    package static func fnv1a64(_ text: String) -> UInt64 {
        var hash = Self.offsetBasis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= Self.prime
        }
        return hash
    }
}
