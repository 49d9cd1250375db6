/// One compiled `tcp[].match[]` entry: destination subnets, port and source conditions, AND'ed.
struct L4RouteMatch: Sendable {
    let destinationSubnets: [CIDR]
    let port: Int?
    let source: SourceMatch

    init(_ match: L4MatchAttributes) {
        self.destinationSubnets = match.destinationSubnets
        self.port = match.port
        self.source = SourceMatch(
            labels: match.sourceLabels,
            namespace: match.sourceNamespace,
            gateways: match.gateways
        )
    }

    func matches(destination: IPAddress, port: Int, source: TrafficSource) -> Bool {
        if let expected = self.port, expected != port { return false }
        if !self.destinationSubnets.isEmpty, !self.destinationSubnets.contains(where: { $0.contains(destination) }) {
            return false
        }
        return self.source.matches(source)
    }
}
