/// One compiled `tcp[]` route of a VirtualService.
struct CompiledTCPRoute: Sendable {
    /// Position in `tcp[]`.
    let index: Int
    /// OR'ed; empty matches every connection.
    let matches: [L4RouteMatch]
    let destinations: WeightedDestinations

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
