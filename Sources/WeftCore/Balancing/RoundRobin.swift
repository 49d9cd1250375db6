/// ROUND_ROBIN over one candidate set (positions `0..<count`).
///
/// - Equal weights: a cursor, started at a random position on the first pick (Envoy seeds its schedulers at
///   random so that proxies do not all start on the same endpoint).
/// - Unequal weights, or endpoints warming up: smooth weighted round robin (nginx's algorithm, the same
///   schedule Envoy's earliest-deadline-first scheduler produces): every pick adds each weight to that
///   position's score, takes the highest score and subtracts the total from it. Over any `Σ weights` picks with
///   fixed integer weights, each position is picked exactly `weight` times, and picks are spread out, not
///   bunched. O(count) per pick with no allocation; fine for the tens of endpoints a subset has.
struct RoundRobin: Hashable, Sendable {
    private var cursor: Int?
    private var scores: [Double]

    init(count: Int) {
        self.cursor = nil
        self.scores = Array(repeating: 0, count: count)
    }

    /// The next position with equal weights.
    mutating func pickEqual(count: Int, using rng: inout some RandomNumberGenerator) -> Int {
        let position = self.cursor.map { $0 % count } ?? Int(rng.next(upperBound: UInt(count)))
        self.cursor = position + 1 == count ? 0 : position + 1
        return position
    }

    /// The next position with the given weights (positions with weight 0 are never picked; nil if all are 0).
    mutating func pickWeighted(count: Int, weight: (Int) -> Double) -> Int? {
        if self.scores.count != count { self.scores = Array(repeating: 0, count: count) }
        var total = 0.0
        var best = -1
        var bestScore = -Double.infinity
        for position in 0..<count {
            let positionWeight = weight(position)
            guard positionWeight > 0 else {
                // A stale score must not win once the weight drops to zero.
                self.scores[position] = 0
                continue
            }
            self.scores[position] += positionWeight
            total += positionWeight
            if self.scores[position] > bestScore {
                best = position
                bestScore = self.scores[position]
            }
        }
        guard best >= 0 else { return nil }
        self.scores[best] -= total
        return best
    }
}
