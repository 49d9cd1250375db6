import WeftCore

/// Reads `loadBalancer.localityLbSetting` with Istio's rules (`agent.ValidateLocalityLbSetting`): `distribute` and
/// `failover` exclude each other, `distribute` weights are 1–100 and sum to exactly 100, localities are
/// `region/zone/sub-zone` with at most one trailing `*`, and failover without outlier detection only warns.
enum LocalityDecoding {
    /// Topology labels that `failover` already orders; naming them in `failoverPriority` too is an error.
    static let topologyLabels = [
        "topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone",
    ]

    static func setting(_ reader: FieldReader, hasOutlierDetection: Bool) -> LocalityLoadBalancerSetting {
        var setting = LocalityLoadBalancerSetting()
        _ = reader.oneOf(["distribute", "failover"])
        var sources = LocalityOverlap()
        setting.distribute =
            reader.objectList("distribute") { Self.distribute($0, sources: &sources) } ?? []
        setting.failover = reader.objectList("failover") { Self.failover($0) } ?? []
        setting.failoverPriority = reader.stringList("failoverPriority") ?? []
        if !setting.failover.isEmpty {
            for (index, label) in setting.failoverPriority.enumerated() where Self.topologyLabels.contains(label) {
                reader.context.error(
                    .invalidValue,
                    at: reader.field("failoverPriority").appending(index: index),
                    "\"\(label)\" cannot be used together with failover, which already orders regions"
                )
            }
        }
        setting.enabled = reader.bool("enabled")
        if !(setting.failover.isEmpty && setting.failoverPriority.isEmpty) && !hasOutlierDetection {
            reader.context.warning(
                .deprecated,
                at: reader.path,
                "failover needs outlierDetection in the same traffic policy: without it no endpoint is ever seen as unhealthy, so traffic never fails over"
            )
        }
        return setting
    }

    /// One `distribute[]` entry: `from` and `to` localities, weights 1–100 summing to 100.
    /// `sources`: the `from` localities of earlier entries, which this one must not overlap.
    private static func distribute(
        _ reader: FieldReader,
        sources: inout LocalityOverlap
    ) -> LocalityLoadBalancerSetting.Distribute {
        var distribute = LocalityLoadBalancerSetting.Distribute()
        if let from = reader.string("from", required: true) {
            if let problem = Self.localityProblem(from) {
                reader.error("from", problem)
            } else if !sources.insert(from) {
                reader.error("from", "locality \"\(from)\" overlaps one listed before it")
            }
            distribute.from = from
        }
        var targets = LocalityOverlap()
        let to =
            reader.map("to") { value, path -> Int? in
                guard case .key(let locality) = path.components.last else { return nil }
                if let problem = Self.localityProblem(locality) {
                    reader.context.error(.invalidValue, at: path, problem)
                } else if !targets.insert(locality) {
                    reader.context.error(
                        .invalidValue,
                        at: path,
                        "locality \"\(locality)\" overlaps one listed before it"
                    )
                }
                return ScalarReading.int(value, in: 1...100, at: path, context: reader.context)
            } ?? [:]
        if reader.has("to") {
            let total = to.values.reduce(0, +)
            // Only meaningful when every weight was valid; otherwise the weight errors say enough.
            if to.count == Self.count(reader, "to"), total != 100 {
                reader.error("to", "weights must sum to 100 (got \(total))")
            }
        } else {
            reader.missing("to")
        }
        distribute.to = to
        return distribute
    }

    /// How many entries the map `key` has, valid or not.
    private static func count(_ reader: FieldReader, _ key: String) -> Int {
        guard case .mapping(let pairs, _) = reader.raw(key) else { return 0 }
        return pairs.count
    }

    /// One `failover[]` entry: two different regions, without `/` or `*`.
    private static func failover(_ reader: FieldReader) -> LocalityLoadBalancerSetting.Failover {
        var failover = LocalityLoadBalancerSetting.Failover()
        for field in ["from", "to"] {
            guard let region = reader.string(field, required: true) else { continue }
            if region.contains("/") {
                reader.error(
                    field,
                    "\"\(region)\" must be a region only (no '/'): failover moves traffic between regions"
                )
            } else if region.contains("*") {
                reader.error(field, "\"\(region)\" must not contain the wildcard '*'")
            }
            if field == "from" { failover.from = region } else { failover.to = region }
        }
        if !failover.from.isEmpty, failover.from == failover.to {
            reader.context.error(.invalidValue, at: reader.path, "from and to must be different regions")
        }
        return failover
    }

    /// Why `locality` is not `region[/zone[/sub-zone]]` with at most one `*`, at its end; nil when it is fine.
    static func localityProblem(_ locality: String) -> String? {
        let stars = locality.filter { $0 == "*" }.count
        if stars > 1 || (stars == 1 && !locality.hasSuffix("*")) {
            return "locality \"\(locality)\" may contain one wildcard '*', and only at its end"
        }
        if locality.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            return "locality \"\(locality)\" has an empty region, zone or sub-zone"
        }
        return nil
    }
}

/// Istio's overlap check for a list of localities (`validateLocalities`), kept order-sensitive as Istio's is: a
/// locality overlaps when an earlier one already covers it (`us-west` covers `us-west/zone1`, `*` covers all).
struct LocalityOverlap {
    private var zonesByRegion: [String: [String: Set<String>]] = [:]

    /// Records `locality`; false when it overlaps one recorded before.
    mutating func insert(_ locality: String) -> Bool {
        if self.zonesByRegion["*"] != nil { return false }
        let parts = locality.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let region = parts[0]
        switch parts.count {
        case 1:
            if self.zonesByRegion[region] != nil { return false }
            self.zonesByRegion[region] = ["*": ["*"]]
        case 2:
            let zone = parts[1]
            if let zones = self.zonesByRegion[region], zones["*"] != nil || zones[zone] != nil { return false }
            self.zonesByRegion[region, default: [:]][zone] = ["*"]
        default:
            let (zone, subZone) = (parts[1], parts[2])
            if let zones = self.zonesByRegion[region] {
                if zones["*"] != nil { return false }
                if let subZones = zones[zone], subZones.contains("*") || subZones.contains(subZone) { return false }
            }
            self.zonesByRegion[region, default: [:]][zone, default: []].insert(subZone)
        }
        return true
    }
}
