/// Where an endpoint (or the calling workload) runs: Istio's `region/zone/subzone` triple.
///
/// Empty parts mean "unknown". Istio compares localities part by part, so two endpoints with unknown
/// localities count as being in the same place.
package struct Locality: Hashable, Sendable, CustomStringConvertible {
    package var region: String
    package var zone: String
    package var subzone: String

    package init(region: String = "", zone: String = "", subzone: String = "") {
        self.region = region
        self.zone = zone
        self.subzone = subzone
    }

    /// Parses Istio's `region/zone/subzone` text (as in `WorkloadEntry.spec.locality`); missing parts are empty.
    package init(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        self.init(
            region: parts.count > 0 ? parts[0] : "",
            zone: parts.count > 1 ? parts[1] : "",
            subzone: parts.count > 2 ? parts[2] : ""
        )
    }

    package var description: String { "\(self.region)/\(self.zone)/\(self.subzone)" }

    /// Istio's proximity tier of `other` seen from `self` (`util.LbPriority`): 0 same subzone, 1 same zone,
    /// 2 same region, 3 another region.
    package func proximityTier(of other: Locality) -> Int {
        guard self.region == other.region else { return 3 }
        guard self.zone == other.zone else { return 2 }
        guard self.subzone == other.subzone else { return 1 }
        return 0
    }

    /// Whether this locality matches an Istio locality pattern such as `us-west/zone1/*` or `us-west`
    /// (`util.LocalityMatch`): `*` matches anything, and a missing zone or subzone part matches any value.
    package func matches(pattern: String) -> Bool {
        let parts = pattern.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        let region = parts.count > 0 ? parts[0] : ""
        let zone = parts.count > 1 ? parts[1] : ""
        let subzone = parts.count > 2 ? parts[2] : ""
        let regionMatches = region == "*" || region == self.region
        let zoneMatches = zone == "*" || zone.isEmpty || zone == self.zone
        let subzoneMatches = subzone == "*" || subzone.isEmpty || subzone == self.subzone
        return regionMatches && zoneMatches && subzoneMatches
    }
}
