extension MeshSnapshot {
    /// Every route target the snapshot precomputed: each service port under each DestinationRule that applies to
    /// some client, whole and per subset. What `BalancerCache` builds its balancers from.
    ///
    /// The one place the decision pipeline reads the snapshot's internal tables; everything else goes through
    /// `classify`, `routeL4`, `routeHTTP` and `target(hostname:port:subset:from:)`.
    package var routeTargets: [RouteTarget] {
        var targets: [RouteTarget] = []
        for routing in self.serviceRouting {
            for ruleTables in routing.tables {
                for table in ruleTables.byPort {
                    targets.append(table.whole)
                    targets.append(contentsOf: table.subsets.map(\.target))
                }
            }
        }
        return targets
    }
}
