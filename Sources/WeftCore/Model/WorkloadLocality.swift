/// Istio's locality `region/zone/subzone` (each part optional from the right), used for locality-aware balancing.
package struct WorkloadLocality: Hashable, Sendable, CustomStringConvertible {
    package var region: String
    package var zone: String
    package var subzone: String

    package init(region: String, zone: String = "", subzone: String = "") {
        self.region = region
        self.zone = zone
        self.subzone = subzone
    }

    /// Parses `us-east1/us-east1-b/rack7`; nil for empty text. Extra `/` parts stay in the subzone.
    package init?(parsing text: String) {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        self.region = parts[0]
        self.zone = parts.count > 1 ? parts[1] : ""
        self.subzone = parts.count > 2 ? parts[2] : ""
    }

    package var description: String {
        if !self.subzone.isEmpty { return "\(self.region)/\(self.zone)/\(self.subzone)" }
        if !self.zone.isEmpty { return "\(self.region)/\(self.zone)" }
        return self.region
    }
}
