import WeftCore

extension DecisionBench {
    /// What the samples decide, checked once before timing: every L7 sample hits the rule it was built for, every
    /// L4 sample is routed by `tcp[1]` (the weighted one), and authorization both allows and denies.
    struct Outcomes: CustomStringConvertible {
        var l4Routed = 0
        var httpHitsExpected = 0
        var httpCanary = 0
        var allowed = 0
        var denied = 0

        var description: String {
            "L4 routed by tcp[1]: \(self.l4Routed)/\(DecisionSamples.count); "
                + "L7 on the intended rule: \(self.httpHitsExpected)/\(DecisionSamples.count) "
                + "(\(self.httpCanary) by the canary); authorization: \(self.allowed) allowed, \(self.denied) denied"
        }

        var isComplete: Bool {
            self.l4Routed == DecisionSamples.count && self.httpHitsExpected == DecisionSamples.count
                && self.allowed > 0 && self.denied > 0
        }
    }

    func checkSamples() -> Outcomes {
        var outcomes = Outcomes()
        var rng = SplitMix64(seed: 0x5EED_0004)
        for sample in self.samples.l4 {
            let decision = self.snapshot.routeL4(
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &rng
            )
            if case .service(let plan) = decision, plan.rule?.index == 1 { outcomes.l4Routed += 1 }
        }
        for sample in self.samples.http {
            let decision = self.snapshot.routeHTTP(
                sample.request,
                to: sample.destination,
                from: self.samples.clients[sample.source],
                using: &rng
            )
            if case .routed(let plan) = decision, plan.rule?.index == sample.expectedRule {
                outcomes.httpHitsExpected += 1
                if sample.expectedRule == self.shape.rulesPerHost - 1 { outcomes.httpCanary += 1 }
            }
        }
        for sample in self.samples.authorization {
            if self.evaluator.evaluate(sample.request, for: sample.target).decision.isAllowed {
                outcomes.allowed += 1
            } else {
                outcomes.denied += 1
            }
        }
        return outcomes
    }
}
