/// Ring hash (Envoy's `RING_HASH`, Istio's default consistent hash): every endpoint owns points on a 64-bit ring
/// in proportion to its weight; a request hash goes to the owner of the first point at or after it.
///
/// Built once per endpoint-set change (O(R log R) for R points); a lookup is a binary search with no allocation.
/// Points are `xxHash64("<key>_<i>")`, as in Envoy.
///
/// **Ring size differs from Envoy on purpose.** Envoy scales the ring to the set (the lightest endpoint gets
/// `minimumRingSize × its share` points), so removing one of N endpoints gives every survivor more points, which
/// take keys from the other survivors: on a 1024-point ring about 1.3–1.6/N of the keys move instead of 1/N. Weft
/// gives each endpoint a number of points that depends only on its own weight (`minimumRingSize × weight /
/// lightest weight`), so removing an endpoint moves exactly its own keys and nothing else, and the ring still has
/// at least `minimumRingSize` points. The cost is memory (N × `minimumRingSize` points of 12 bytes: 120 KB for 10
/// endpoints); past `maximumRingSize` points the ring is scaled down to fit, as in Envoy.
package struct RingHash: Hashable, Sendable {
    /// Istio's default `minimumRingSize`.
    package static let defaultMinimumRingSize = 1024
    /// Weft's cap on points (12 MiB); Envoy's own default, 8M points, would cost 96 MiB for one destination.
    package static let defaultMaximumRingSize = 1 << 20

    private var hashes: [UInt64] = []
    private var owners: [Int32] = []

    /// - Parameters:
    ///   - members: `(key, weight, value)` per endpoint; `value` is what lookups return (an endpoint index).
    package init(
        members: [(key: String, weight: UInt32, value: Int)],
        minimumRingSize: Int = RingHash.defaultMinimumRingSize,
        maximumRingSize: Int = RingHash.defaultMaximumRingSize
    ) {
        guard let lightest = members.map({ max($0.weight, 1) }).min() else { return }
        let totalWeight = members.reduce(0.0) { $0 + Double(max($1.weight, 1)) }
        let maximum = Double(max(maximumRingSize, 1))
        var pointsPerWeight = Double(max(minimumRingSize, 1)) / Double(lightest)
        if pointsPerWeight * totalWeight > maximum { pointsPerWeight = maximum / totalWeight }
        var points: [(hash: UInt64, owner: Int32)] = []
        points.reserveCapacity(Int((pointsPerWeight * totalWeight).rounded(.up)) + members.count)
        // Fractional shares carry over between endpoints (Envoy's running target), so a capped ring has exactly
        // `maximumRingSize` points; uncapped shares are whole numbers anyway.
        var placed = 0.0
        var target = 0.0
        for member in members {
            target += pointsPerWeight * Double(max(member.weight, 1))
            var bytes = Array(member.key.utf8)
            bytes.append(UInt8(ascii: "_"))
            let prefixLength = bytes.count
            var index = 0
            while placed < target.rounded() {
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
