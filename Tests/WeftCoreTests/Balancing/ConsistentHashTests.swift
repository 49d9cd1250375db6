import PropertyBased
import Testing
import WeftCore

@Suite("Ring hash and Maglev")
struct ConsistentHashTests {
    enum Kind: String, CaseIterable, Sendable { case ring, maglev }

    static func table(_ kind: Kind, keys: [String], weights: [UInt32]? = nil) -> (UInt64) -> Int? {
        let members = keys.enumerated().map { (key: $0.element, weight: weights?[$0.offset] ?? 1, value: $0.offset) }
        switch kind {
        case .ring:
            let ring = RingHash(members: members)
            return { ring.lookup($0) }
        case .maglev:
            let maglev = Maglev(members: members)
            return { maglev.lookup($0) }
        }
    }

    static let requestKeys = (0..<4000).map { XXHash64.hash("user-\($0)") }

    @Test("Removing one of N endpoints remaps about 1/N of the keys", arguments: Kind.allCases)
    func removalRemapsAboutOneNth(kind: Kind) async {
        await propertyCheck(count: 25, input: Gen.int(in: 3...20), Gen.int(in: 0...1000)) { count, pick in
            let keys = (0..<count).map { "10.1.\($0 / 250).\($0 % 250):8080" }
            let removed = pick % count
            let before = Self.table(kind, keys: keys)
            var remaining = keys
            remaining.remove(at: removed)
            let afterTable = Self.table(kind, keys: remaining)
            var moved = 0
            var movedFromSurvivors = 0
            for hash in Self.requestKeys {
                let old = keys[before(hash)!]
                let new = remaining[afterTable(hash)!]
                if old != new {
                    moved += 1
                    if old != keys[removed] { movedFromSurvivors += 1 }
                }
            }
            let fraction = Double(moved) / Double(Self.requestKeys.count)
            // Every key of the removed endpoint moves (about 1/N); keys of the others mostly stay.
            #expect(fraction < 1.0 / Double(count) + 0.06, "\(kind) N=\(count): moved \(fraction)")
            #expect(fraction > 1.0 / Double(count) * 0.5, "\(kind) N=\(count): moved \(fraction)")
            // Ring hash moves none of them; Maglev a few percent.
            let survivorsMoved = Double(movedFromSurvivors) / Double(Self.requestKeys.count)
            #expect(
                survivorsMoved <= (kind == .ring ? 0 : 0.06),
                "\(kind) N=\(count): survivors moved \(survivorsMoved)"
            )
        }
    }

    @Test("Keys spread over endpoints in proportion to their weights", arguments: Kind.allCases)
    func weightedSpread(kind: Kind) {
        let keys = ["a:1", "b:1", "c:1"]
        let lookup = Self.table(kind, keys: keys, weights: [1, 2, 5])
        var counts = [0, 0, 0]
        for hash in (0..<40_000).map({ XXHash64.hash("k\($0)") }) { counts[lookup(hash)!] += 1 }
        let shares = counts.map { Double($0) / 40_000 }
        // Ring hash with 1024 points is coarser than a 65537-slot Maglev table.
        let tolerance = kind == .ring ? 0.05 : 0.01
        for (share, expected) in zip(shares, [1.0 / 8, 2.0 / 8, 5.0 / 8]) {
            #expect(abs(share - expected) < tolerance, "\(kind): \(shares)")
        }
    }

    @Test("Each endpoint gets minimumRingSize points per lightest weight, capped by maximumRingSize")
    func ringSize() {
        let ring = RingHash(members: [("a", 1, 0), ("b", 3, 1)], minimumRingSize: 1024)
        #expect(ring.size == 1024 + 3072)
        let small = RingHash(members: [("a", 2, 0), ("b", 2, 1), ("c", 4, 2)], minimumRingSize: 100)
        #expect(small.size == 100 + 100 + 200)
        // Over the cap, points are shared by weight.
        let capped = RingHash(members: [("a", 1, 0), ("b", 3, 1)], minimumRingSize: 1024, maximumRingSize: 1000)
        #expect(capped.size == 1000)
    }

    @Test("Removing a ring endpoint moves only its own keys")
    func ringRemovalMovesOnlyItsKeys() {
        let keys = (0..<6).map { "10.0.0.\($0):80" }
        let before = Self.table(.ring, keys: keys)
        let after = Self.table(.ring, keys: Array(keys.dropLast()))
        for hash in Self.requestKeys where before(hash) != 5 { #expect(after(hash) == before(hash)) }
    }

    @Test("Maglev tables have prime size; other sizes are raised to the next prime")
    func maglevSize() {
        #expect(Maglev(members: [("a", 1, 0)]).size == 65537)
        #expect(Maglev(members: [("a", 1, 0)], tableSize: 100).size == 101)
        #expect(Maglev(members: [], tableSize: 7).size == 0)
    }

    @Test("Lookups are the same on every build (a key keeps its endpoint across restarts)", arguments: Kind.allCases)
    func deterministic(kind: Kind) {
        let keys = (0..<7).map { "10.0.0.\($0):80" }
        let first = Self.table(kind, keys: keys)
        let second = Self.table(kind, keys: keys)
        for hash in Self.requestKeys.prefix(500) { #expect(first(hash) == second(hash)) }
    }

    @Test("Empty tables choose nothing")
    func empty() {
        #expect(RingHash(members: []).lookup(42) == nil)
        #expect(Maglev(members: []).lookup(42) == nil)
    }
}
