/// Ring hash (Envoy's `RING_HASH`, Istio's default consistent hash): every endpoint owns points on a 64-bit ring
/// in proportion to its weight; a request hash goes to the owner of the first point at or after it.
///
/// Built once per endpoint-set change (O(R log R) for R points); a lookup is a binary search with no allocation.
/// Points are `xxHash64("<key>_<i>")`, so an endpoint keeps its points whatever else is in the set: removing one
/// of N endpoints moves only about 1/N of the keys.
///
/// Ring size follows Envoy: weights are normalized, the ring is scaled so that the lightest endpoint gets at least
/// `minimumRingSize × its share` points (capped at `maximumRingSize`), and fractional targets carry over between
/// endpoints so that the total is exact.
package struct RingHash: Hashable, Sendable {
    /// Istio's default `minimumRingSize`.
    package static let defaultMinimumRingSize = 1024
    /// Envoy's default `maximum_ring_size`.
    package static let defaultMaximumRingSize = 8 * 1024 * 1024

    private var hashes: [UInt64] = []
    private var owners: [Int32] = []

    /// - Parameters:
    ///   - members: `(key, weight, value)` per endpoint; `value` is what lookups return (an endpoint index).
    package init(
        members: [(key: String, weight: UInt32, value: Int)],
        minimumRingSize: Int = RingHash.defaultMinimumRingSize,
        maximumRingSize: Int = RingHash.defaultMaximumRingSize
    ) {
        let totalWeight = members.reduce(0.0) { $0 + Double(max($1.weight, 1)) }
        guard totalWeight > 0 else { return }
        let minimumShare = members.map { Double(max($0.weight, 1)) / totalWeight }.min() ?? 1
        let minimum = Double(max(minimumRingSize, 1))
        let scale = min((minimumShare * minimum).rounded(.up) / minimumShare, Double(max(maximumRingSize, 1)))
        var points: [(hash: UInt64, owner: Int32)] = []
        points.reserveCapacity(Int(scale.rounded(.up)) + members.count)
        var placed = 0.0
        var target = 0.0
        for member in members {
            target += scale * Double(max(member.weight, 1)) / totalWeight
            var bytes = Array(member.key.utf8)
            bytes.append(UInt8(ascii: "_"))
            let prefixLength = bytes.count
            var index = 0
            while placed < target {
                bytes.removeSubrange(prefixLength...)
                bytes.append(contentsOf: String(index).utf8)
                let hash = bytes.withUnsafeBufferPointer { XXHash64.hash(bytes: $0) }
                points.append((hash, Int32(member.value)))
                index += 1
                placed += 1
            }
        }
        // Ties (vanishingly rare) are ordered by owner so the ring is the same on every node.
        points.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.owner < $1.owner }
        self.hashes = points.map(\.hash)
        self.owners = points.map(\.owner)
    }

    /// Number of points on the ring.
    package var size: Int { self.hashes.count }

    /// The value of the endpoint owning `hash`; nil for an empty ring.
    package func lookup(_ hash: UInt64) -> Int? {
        guard !self.hashes.isEmpty else { return nil }
        var low = 0
        var high = self.hashes.count
        while low < high {
            let middle = (low + high) / 2
            if self.hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return Int(self.owners[low == self.hashes.count ? 0 : low])
    }
}
