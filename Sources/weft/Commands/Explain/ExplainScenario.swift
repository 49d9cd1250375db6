import WeftConfig
import WeftCore

/// Everything `weft explain` decides about, resolved from its options: the compiled snapshot, the source
/// workload, the destination and the request. Loading fails with an `ExplainFailure` (exit 1) on bad input.
struct ExplainScenario {
    let pipeline: DecisionPipeline
    let source: Workload
    let input: DecisionInput
    let classification: DestinationClass
    /// The destination as the operator typed it.
    let destinationText: String
    let samples: Int?
    let seed: UInt64
    /// Set when HTTP options were given but the traffic is TCP.
    let ignoredHTTPOptions: Bool

    static func load(_ command: ExplainCommand) throws(ExplainFailure) -> ExplainScenario {
        let snapshot = try Self.snapshot(command)
        let source = try Self.sourceWorkload(command, in: snapshot)
        let target = try ExplainDestination.resolve(command.destination, from: source, in: snapshot)
        let classification = target.classification
        let sourceAddress = command.sourceIp.flatMap { IPAddress($0) }

        let declared = classification.protocol
        let wantsRequest = declared.isHTTP || (declared.needsDetection && command.hasHTTPOptions)
        let request = wantsRequest ? Self.request(command, authority: target.authority) : nil
        return ExplainScenario(
            pipeline: DecisionPipeline(snapshot: snapshot),
            source: source,
            input: DecisionInput(
                source: DecisionSource(workload: source, address: sourceAddress),
                destination: target.address,
                request: request
            ),
            classification: classification,
            destinationText: command.destination,
            samples: command.samples,
            seed: command.seed,
            ignoredHTTPOptions: command.hasHTTPOptions && request == nil
        )
    }

    /// The decision (with a generator seeded by `--seed`), and with `--samples` the spread of that many picks
    /// (a fresh generator with the same seed and fresh balancers, so the first pick is the decision shown).
    func explain() -> Explanation {
        let now = ContinuousClock().now
        var balancers = self.pipeline.makeBalancers(for: BalancerSource(workload: self.source))
        var rng = SplitMix64(seed: self.seed)
        let decision = self.pipeline.decide(
            self.input,
            classified: self.classification,
            balancers: &balancers,
            now: now,
            using: &rng
        )
        var spread: SampleSpread?
        if let samples {
            var sampleBalancers = self.pipeline.makeBalancers(for: BalancerSource(workload: self.source))
            var sampleRNG = SplitMix64(seed: self.seed)
            var counts = SampleSpread(seed: self.seed)
            for _ in 0..<samples {
                counts.record(
                    self.pipeline.decide(
                        self.input,
                        classified: self.classification,
                        balancers: &sampleBalancers,
                        now: now,
                        using: &sampleRNG
                    )
                )
            }
            spread = counts
        }
        return Explanation(
            source: self.source,
            destinationText: self.destinationText,
            decision: decision,
            samples: spread,
            ignoredHTTPOptions: self.ignoredHTTPOptions
        )
    }

    // MARK: - Loading

    private static func snapshot(_ command: ExplainCommand) throws(ExplainFailure) -> MeshSnapshot {
        let config = ConfigLoader.validate(paths: command.files)
        for warning in config.diagnostics.warnings { StandardError.write(warning.description) }
        guard let valid = config.validConfig else {
            let count = config.diagnostics.errors.count
            throw ExplainFailure(
                "the configuration is invalid (\(count) error\(count == 1 ? "" : "s"))",
                details: config.diagnostics.errors.map(\.description)
            )
        }
        let registry = ConfigLoader.registry(paths: command.registry)
        for warning in registry.diagnostics.warnings { StandardError.write(warning.description) }
        if registry.diagnostics.hasErrors {
            let count = registry.diagnostics.errors.count
            throw ExplainFailure(
                "the registry is invalid (\(count) error\(count == 1 ? "" : "s"))",
                details: registry.diagnostics.errors.map(\.description)
            )
        }
        let snapshot = MeshSnapshot(config: valid, enrolled: registry.registry, settings: command.settings)
        for diagnostic in snapshot.diagnostics { StandardError.write("warning: \(diagnostic)") }
        return snapshot
    }

    /// Architecture §13: a bare name resolves to the one workload of that name in any namespace; several fail,
    /// listing them; `--namespace` narrows.
    private static func sourceWorkload(
        _ command: ExplainCommand,
        in snapshot: MeshSnapshot
    ) throws(ExplainFailure) -> Workload {
        var candidates = snapshot.workloads(named: command.from)
        if let namespace = command.namespace { candidates = candidates.filter { $0.namespace == namespace } }
        switch candidates.count {
        case 1:
            return candidates[0]
        case 0:
            let scope = command.namespace.map { " in namespace \($0)" } ?? ""
            let known = snapshot.workloads.map(\.key.description)
            throw ExplainFailure(
                "no workload named \"\(command.from)\"\(scope)"
                    + (known.isEmpty
                        ? " (the registry is empty: give --registry or WorkloadEntry resources)"
                        : " (known: \(known.joined(separator: ", ")))")
            )
        default:
            throw ExplainFailure(
                "workload name \"\(command.from)\" is ambiguous: "
                    + candidates.map(\.key.description).joined(separator: ", ") + " (use --namespace)"
            )
        }
    }

    private static func request(_ command: ExplainCommand, authority: String) -> HTTPRequestHead {
        HTTPRequestHead(
            method: command.method ?? "GET",
            authority: authority,
            path: command.path ?? "/",
            headers: command.header.map { item in
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return HTTPHeaderField(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
        )
    }
}

/// What `weft explain` prints: the decision and, with `--samples`, the spread of many picks.
struct Explanation {
    let source: Workload
    let destinationText: String
    let decision: Decision
    let samples: SampleSpread?
    let ignoredHTTPOptions: Bool
}
