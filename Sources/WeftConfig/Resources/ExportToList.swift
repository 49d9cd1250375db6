import WeftCore

/// Reads `exportTo` of DestinationRule and ServiceEntry with Istio's rules (`validateExportTo`): each entry is a
/// namespace, `.` (this namespace) or `*` (every namespace), plus `~` (no namespace) for a ServiceEntry; no entry
/// twice; `*` and `~` stand alone.
enum ExportToList {
    /// The entries as written, or nil when `exportTo` is absent. Problems are reported, not thrown.
    static func decode(
        _ reader: FieldReader,
        namespace: String,
        allowNone: Bool,
        workloadSelector: Bool = false
    ) -> [String]? {
        guard let entries = reader.stringList("exportTo") else { return nil }
        let path = reader.field("exportTo")
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let entryPath = path.appending(index: index)
            let special = entry == "." || entry == "*" || (allowNone && entry == "~")
            guard special || Names.isDNSLabel(entry) else {
                let allowed =
                    "a namespace, \".\" (this namespace), \"*\" (all namespaces)"
                    + (allowNone ? " or \"~\" (none)" : "")
                reader.context.error(.invalidValue, at: entryPath, "\"\(entry)\" is not \(allowed)")
                continue
            }
            // `.` and the resource's own namespace name the same thing.
            let key = entry == "." ? namespace : entry
            if let first = seen[key] {
                let also = path.appending(index: first)
                reader.context.error(
                    .invalidValue,
                    at: entryPath,
                    "\"\(entry)\" repeats \(also) (\"\(entries[first])\")"
                )
            } else {
                seen[key] = index
            }
        }
        for alone in ["*", "~"] where entries.contains(alone) && entries.count > 1 {
            reader.context.error(.invalidValue, at: path, "\"\(alone)\" cannot be combined with other entries")
        }
        // A rule that applies to selected workloads only makes sense where those workloads live.
        if workloadSelector, entries.contains(where: { $0 != "." && $0 != namespace }) {
            reader.context.error(
                .invalidValue,
                at: path,
                "a DestinationRule with a workloadSelector can only be exported to its own namespace (\".\")"
            )
        }
        return entries
    }
}
