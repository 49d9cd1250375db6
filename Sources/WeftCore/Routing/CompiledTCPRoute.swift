/// One compiled `tcp[]` route of a VirtualService.
final class CompiledTCPRoute: Sendable {
    /// Position in `tcp[]`.
    let index: Int
    /// OR'ed; empty matches every connection.
    let matches: [L4RouteMatch]
    let destinations: WeightedDestinations
    /// What plans report: `rules[i]` for `matches[i]`, `rules[0]` for a route without matches.
    let rules: [MatchedRule]

    init(virtualService: ResourceID, index: Int, matches: [L4RouteMatch], destinations: WeightedDestinations) {
        self.index = index
        self.matches = matches
        self.destinations = destinations
        self.rules = MatchedRule.all(
            virtualService: virtualService,
            kind: .tcp,
            index: index,
            name: nil,
            matchNames: matches.map { _ in nil }
        )
    }

    /// The rule to report for a match index from `matchIndex` (-1: the route has no matches).
    func rule(forMatch index: Int) -> MatchedRule {
        self.rules[max(0, index)]
    }

    /// The index of the first match entry that accepts the connection, `-1` for a route without matches, or nil.
    func matchIndex(destination: IPAddress, port: Int, source: TrafficSource) -> Int? {
        if self.matches.isEmpty { return -1 }
        for (index, match) in self.matches.enumerated()
        where match.matches(destination: destination, port: port, source: source) {
            return index
        }
        return nil
    }
}
