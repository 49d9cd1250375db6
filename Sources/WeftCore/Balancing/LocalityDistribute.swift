/// Locality-weighted distribution (`localityLbSetting.distribute`), computed as istiod does
/// (`applyLocalityWeights`): the first rule whose `from` matches the caller's locality decides.
///
/// Each `to` pattern shares its weight among the endpoint localities it matches, in proportion to their summed
/// endpoint weights, rounded up (`ceil(localityWeight × toWeight / matchedWeight)`). An endpoint whose locality no
/// `to` pattern matches receives no traffic. Patterns are tried most specific first (most parts named exactly), then in
/// text order; a locality belongs to the first pattern that matches it. (istiod walks a Go map, whose order is
/// random, so overlapping patterns are not deterministic there.)
package enum LocalityDistribute {
    /// The weight of each endpoint's locality, or nil when the endpoint is excluded. Returns nil when no rule
    /// applies to this caller (plain balancing over every endpoint).
    package static func localityWeights(
        of endpoints: [BalancerEndpoint],
        source: BalancerSource,
        distribute: [LocalityLoadBalancerSetting.Distribute]
    ) -> [UInt32?]? {
        guard let rule = distribute.first(where: { source.locality.matches(pattern: $0.from) }) else { return nil }
        var result: [UInt32?] = Array(repeating: nil, count: endpoints.count)
        var assigned = Array(repeating: false, count: endpoints.count)
        for (pattern, weight) in rule.to.sorted(by: Self.moreSpecificFirst) {
            var localityWeight: [Locality: UInt64] = [:]
            var members: [Int] = []
            for index in endpoints.indices where !assigned[index] && endpoints[index].locality.matches(pattern: pattern)
            {
                assigned[index] = true
                members.append(index)
                localityWeight[endpoints[index].locality, default: 0] += UInt64(endpoints[index].effectiveWeight)
            }
            let matchedWeight = localityWeight.values.reduce(0, +)
            guard matchedWeight > 0, weight > 0 else { continue }
            for index in members {
                let share = localityWeight[endpoints[index].locality]! * UInt64(weight)
                result[index] = UInt32((share + matchedWeight - 1) / matchedWeight)
            }
        }
        return result
    }

    /// How many of region, zone and subzone a pattern names exactly.
    static func specificity(_ pattern: String) -> Int {
        pattern.split(separator: "/", omittingEmptySubsequences: true).count(where: { $0 != "*" })
    }

    static func moreSpecificFirst(_ lhs: (key: String, value: Int), _ rhs: (key: String, value: Int)) -> Bool {
        let lhsParts = Self.specificity(lhs.key)
        let rhsParts = Self.specificity(rhs.key)
        if lhsParts != rhsParts { return lhsParts > rhsParts }
        return lhs.key < rhs.key
    }
}
