import WeftCore

/// Everything the measured loops read: the snapshot, the balancers, the authorization evaluator and the samples.
/// Each `run…` function makes `iterations` decisions over the samples in turn and returns a checksum of the
/// outcomes, which the caller prints so the optimizer cannot drop the work. They are `@inline(never)` so that
/// callgrind can count each one's instructions (`--toggle-collect='*DecisionBench*runL4y*'`).
struct DecisionBench {
    let shape: MeshShape
    let snapshot: MeshSnapshot
    let samples: DecisionSamples
    let evaluator: AuthorizationEvaluator
    var balancers: BalancerTable
    /// Targets of the L4 samples' decisions, and their balancers, for measuring the balancer on its own.
    let l4Targets: [RouteTarget]
    let l4Slots: [Int]
    var rng = SplitMix64(seed: 0x5EED_0002)

    private static let mask = DecisionSamples.count - 1

    init(shape: MeshShape, snapshot: MeshSnapshot, samples: DecisionSamples, balancers: BalancerTable) {
        self.shape = shape
        self.snapshot = snapshot
        self.samples = samples
        self.evaluator = AuthorizationEvaluator(config: snapshot.config, rootNamespace: MeshShape.rootNamespace)
        self.balancers = balancers
        var rng = SplitMix64(seed: 0x5EED_0003)
        let targets = samples.l4.map { sample in
            guard
                case .service(let plan) = snapshot.routeL4(
                    to: sample.destination,
                    from: samples.clients[sample.source],
                    using: &rng
                )
            else { fatalError("an L4 sample was not routed to a service") }
            return plan.target
        }
        self.l4Targets = targets
        self.l4Slots = targets.map { balancers.slot(for: $0)! }
    }

    mutating func run(_ kind: DecisionKind, iterations: Int) -> Int {
        switch kind {
        case .classify: return self.runClassify(iterations)
        case .routeL4: return self.runRouteL4(iterations)
        case .pick: return self.runPick(iterations)
        case .balancer: return self.runBalancer(iterations)
        case .l4Decision: return self.runL4(iterations)
        case .routeHTTP: return self.runRouteHTTP(iterations)
        case .l7Decision: return self.runL7(iterations)
        case .authorization: return self.runAuthorization(iterations)
        }
    }

    @inline(never)
    func runClassify(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.l4[iteration & Self.mask]
            if case .service(let service) = self.snapshot.classify(
                sample.destination,
                from: self.samples.clients[sample.source]
            ) {
                checksum &+= service.port.number
            }
        }
        return checksum
    }

    @inline(never)
    mutating func runRouteL4(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.l4[iteration & Self.mask]
            let decision = self.snapshot.routeL4(
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &self.rng
            )
            if case .service(let plan) = decision { checksum &+= plan.target.endpoints.count }
        }
        return checksum
    }

    @inline(never)
    mutating func runPick(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            checksum &+= self.balancers.pick(slot: self.l4Slots[iteration & Self.mask], using: &self.rng)
        }
        return checksum
    }

    @inline(never)
    mutating func runBalancer(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            checksum &+= self.balancers.pick(for: self.l4Targets[iteration & Self.mask], using: &self.rng)
        }
        return checksum
    }

    @inline(never)
    mutating func runL4(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.l4[iteration & Self.mask]
            let decision = self.snapshot.routeL4(
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &self.rng
            )
            if case .service(let plan) = decision {
                checksum &+= self.balancers.pick(for: plan.target, using: &self.rng)
            }
        }
        return checksum
    }

    @inline(never)
    mutating func runRouteHTTP(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.http[iteration & Self.mask]
            let decision = self.snapshot.routeHTTP(
                sample.request,
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &self.rng
            )
            if case .routed(let plan) = decision { checksum &+= plan.rule?.index ?? -1 }
        }
        return checksum
    }

    @inline(never)
    mutating func runL7(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.http[iteration & Self.mask]
            let decision = self.snapshot.routeHTTP(
                sample.request,
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &self.rng
            )
            if case .routed(let plan) = decision, case .forward(let forward) = plan.action {
                checksum &+= self.balancers.pick(for: forward.target, using: &self.rng)
            }
        }
        return checksum
    }

    @inline(never)
    func runAuthorization(_ iterations: Int) -> Int {
        var checksum = 0
        for iteration in 0..<iterations {
            let sample = self.samples.authorization[iteration & Self.mask]
            if self.evaluator.evaluate(sample.request, for: sample.target).decision.isAllowed { checksum &+= 1 }
        }
        return checksum
    }
}
