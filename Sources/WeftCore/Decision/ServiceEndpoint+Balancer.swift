extension ServiceEndpoint {
    /// The endpoint as balancers see it. The key is `IP:port` (`[v6]:port`, or `name:port` for DNS endpoints),
    /// stable across endpoint-set changes so ring positions and outlier state follow the endpoint. Endpoints
    /// known from the start never warm up (`createdAt` nil), as in Envoy.
    package var balancerEndpoint: BalancerEndpoint {
        BalancerEndpoint(
            key: self.balancerKey,
            weight: UInt32(clamping: self.weight),
            locality: self.locality.map { Locality(region: $0.region, zone: $0.zone, subzone: $0.subzone) }
                ?? Locality(),
            labels: self.labels,
            healthy: self.health == .healthy
        )
    }

    /// `10.0.0.7:8080`, `[fd00::7]:8080` or `db.example.com:5432`.
    package var balancerKey: String {
        if case .ip(.v6(_)) = self.address { return "[\(self.address)]:\(self.port)" }
        return "\(self.address):\(self.port)"
    }
}

extension BalancerSource {
    /// The calling workload as locality-aware balancing sees it; a workload without locality is "unknown"
    /// everywhere, which Istio treats as one place.
    package init(workload: Workload?) {
        let locality = workload?.locality.map { Locality(region: $0.region, zone: $0.zone, subzone: $0.subzone) }
        self.init(locality: locality ?? Locality(), labels: workload?.labels ?? [:])
    }
}
