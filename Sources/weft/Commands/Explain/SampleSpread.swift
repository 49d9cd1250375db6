import WeftCore

/// How many of `--samples N` decisions went to each subset and each endpoint, and how many were not forwarded.
struct SampleSpread {
    struct Row: Equatable {
        var name: String
        var count: Int
    }

    let seed: UInt64
    private(set) var total = 0
    private var subsets: [String: Int] = [:]
    private var endpoints: [String: Int] = [:]
    private var outcomes: [String: Int] = [:]

    init(seed: UInt64) {
        self.seed = seed
    }

    mutating func record(_ decision: Decision) {
        self.total += 1
        switch decision.outcome {
        case .forwarded:
            if let target = decision.target {
                self.subsets[Self.subsetName(target), default: 0] += 1
            }
            self.endpoints[Self.endpointName(decision.endpoint), default: 0] += 1
        case .answered(let answer):
            self.outcomes["answered: \(answer)", default: 0] += 1
        case .denied:
            self.outcomes["denied", default: 0] += 1
        case .noRoute, .noHealthyEndpoint:
            self.outcomes["no route", default: 0] += 1
        }
    }

    /// `subset v1`, or `all of reviews.default.svc.cluster.local:9080` for a target without subset.
    static func subsetName(_ target: RouteTarget) -> String {
        target.subset.map { "subset \($0)" } ?? "\(target.hostname):\(target.port) (no subset)"
    }

    static func endpointName(_ endpoint: EndpointChoice) -> String {
        switch endpoint {
        case .endpoint(let endpoint, _): return endpoint.description
        case .originalDestination(let address, _): return "\(address) (original destination)"
        case .workload(let workload): return "\(workload.address) (\(workload.workload))"
        case .noHealthyEndpoint, .notChosen: return "none"
        }
    }

    /// Most picked first, then by name.
    private static func rows(_ counts: [String: Int]) -> [Row] {
        counts.map { Row(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    var subsetRows: [Row] { Self.rows(self.subsets) }
    var endpointRows: [Row] { Self.rows(self.endpoints) }
    var outcomeRows: [Row] { Self.rows(self.outcomes) }

    /// The share in percent, one decimal.
    func percent(_ count: Int) -> Double {
        guard self.total > 0 else { return 0 }
        return (Double(count) * 1000 / Double(self.total)).rounded() / 10
    }
}
