/// Maglev consistent hashing (Google's Maglev paper; Envoy's `MAGLEV`): a lookup table of prime size M where each
/// endpoint fills slots in its own pseudo-random permutation order (`offset + i × skip mod M`), in turns
/// proportional to its weight. A lookup is `table[hash mod M]`: constant time, no allocation.
///
/// Built once per endpoint-set change, in O(M log M). Removing one of N endpoints moves about 1/N of the keys
/// (a little more than ring hash, in exchange for an even spread). Offsets and skips hash the endpoint key with
/// xxHash64 seeds 0 and 1, as Envoy does, so a table depends only on the set of keys and weights.
package struct Maglev: Hashable, Sendable {
    /// Envoy's and Istio's default table size (prime).
    package static let defaultTableSize = 65537

    private var table: [Int32] = []

    /// - Parameters:
    ///   - members: `(key, weight, value)` per endpoint; `value` is what lookups return (an endpoint index).
    ///   - tableSize: should be prime (Envoy rejects other sizes); a size that is not prime is raised to the
    ///     next prime so every permutation still visits every slot.
    package init(members: [(key: String, weight: UInt32, value: Int)], tableSize: Int = Maglev.defaultTableSize) {
        guard !members.isEmpty else { return }
        let size = Self.nextPrime(atLeast: max(tableSize, 2))
        let modulus = UInt64(size)
        let totalWeight = members.reduce(0.0) { $0 + Double(max($1.weight, 1)) }
        let shares = members.map { Double(max($0.weight, 1)) / totalWeight }
        let largestShare = shares.max() ?? 1
        let offsets = members.map { XXHash64.hash($0.key, seed: 0) % modulus }
        let skips = members.map { XXHash64.hash($0.key, seed: 1) % (modulus - 1) + 1 }
        var next = Array(repeating: UInt64(0), count: members.count)
        var targets = Array(repeating: 0.0, count: members.count)
        var table = Array(repeating: Int32(-1), count: size)
        var filled = 0
        var round = 1.0
        while filled < size {
            for member in members.indices where filled < size {
                // An endpoint with the largest share takes a slot every round; one with a third of it every
                // third round.
                if round * shares[member] < targets[member] { continue }
                targets[member] += largestShare
                var slot = Int((offsets[member] + skips[member] * next[member]) % modulus)
                while table[slot] >= 0 {
                    next[member] += 1
                    slot = Int((offsets[member] + skips[member] * next[member]) % modulus)
                }
                table[slot] = Int32(members[member].value)
                next[member] += 1
                filled += 1
            }
            round += 1
        }
        self.table = table
    }

    /// Number of slots.
    package var size: Int { self.table.count }

    /// The value of the endpoint owning `hash`; nil for an empty table.
    package func lookup(_ hash: UInt64) -> Int? {
        guard !self.table.isEmpty else { return nil }
        return Int(self.table[Int(hash % UInt64(self.table.count))])
    }

    /// The smallest prime ≥ `value`.
    static func nextPrime(atLeast value: Int) -> Int {
        var candidate = max(value, 2)
        while !Self.isPrime(candidate) { candidate += 1 }
        return candidate
    }

    static func isPrime(_ value: Int) -> Bool {
        guard value >= 2 else { return false }
        var divisor = 2
        while divisor * divisor <= value {
            if value % divisor == 0 { return false }
            divisor += 1
        }
        return true
    }
}
