/// Puts the registry's text exposition in a stable order.
///
/// `PrometheusCollectorRegistry` emits families and series in dictionary order, which changes from process to
/// process. Prometheus does not care, but people diff and grep `/metrics`, and tests compare it, so families are
/// sorted by name and the series of a family by their name-and-labels text. A histogram series (its `_bucket`
/// lines, `_sum` and `_count`) moves as one block and keeps its bucket order.
enum PrometheusExposition {
    static func stablyOrdered(_ text: String) -> String {
        var families: [Family] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") {
                let name = Self.commentedName(line)
                if families.last?.name != name {
                    families.append(Family(name: name))
                }
                families[families.count - 1].comments.append(line)
                if line.hasPrefix("# TYPE "), line.hasSuffix(" histogram") || line.hasSuffix(" summary") {
                    families[families.count - 1].isGrouped = true
                }
            } else {
                if families.isEmpty { families.append(Family(name: "")) }
                families[families.count - 1].add(sample: line)
            }
        }
        families.sort { $0.name < $1.name }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for family in families {
            for line in family.comments {
                output += line
                output += "\n"
            }
            for series in family.series.sorted(by: { $0.key < $1.key }) {
                for line in series.lines {
                    output += line
                    output += "\n"
                }
            }
        }
        return output
    }

    /// The metric name in `# HELP name …` or `# TYPE name …`.
    private static func commentedName(_ line: Substring) -> Substring {
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        return parts.count >= 3 ? parts[2] : ""
    }

    private struct Family {
        var name: Substring
        var comments: [Substring] = []
        var isGrouped = false
        var series: [Series] = []
        /// Whether the last histogram block is still open (its `_count` line not yet seen).
        private var isOpen = false

        init(name: Substring) {
            self.name = name
        }

        mutating func add(sample line: Substring) {
            if self.isGrouped, self.isOpen {
                self.series[self.series.count - 1].lines.append(line)
            } else {
                self.series.append(Series(key: Self.seriesKey(line), lines: [line]))
            }
            // A histogram block ends with its `_count` line.
            self.isOpen = self.isGrouped && !Self.metricName(line).hasSuffix("_count")
        }

        /// Name and labels: everything before the value (values never contain spaces, label values may).
        private static func seriesKey(_ line: Substring) -> Substring {
            guard let space = line.lastIndex(of: " ") else { return line }
            return line[..<space]
        }

        private static func metricName(_ line: Substring) -> Substring {
            line.prefix { $0 != "{" && $0 != " " }
        }
    }

    private struct Series {
        var key: Substring
        var lines: [Substring]
    }
}
