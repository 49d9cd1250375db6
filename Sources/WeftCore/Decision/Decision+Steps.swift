/// One line of an explanation: a short label and what was decided, with the reason.
package struct DecisionStep: Hashable, Sendable {
    /// `classify`, `protocol`, `route`, `destination`, `balance`, `endpoint`, `timeout`, `retries`, `fault`,
    /// `mirror`, `connect`, `limits`, `outlier`, `mtls`, `authorize`, `cookie`, `result`.
    package var label: String
    package var text: String

    package init(_ label: String, _ text: String) {
        self.label = label
        self.text = text
    }
}

extension Decision {
    /// The decision as an operator reads it, one step per line, in pipeline order. Built on demand: the data
    /// plane never pays for the text.
    package var steps: [DecisionStep] {
        var steps: [DecisionStep] = [
            DecisionStep("classify", self.classificationText),
            DecisionStep("protocol", self.protocolChoice.description),
            DecisionStep("route", self.route.description),
        ]
        if let plan = self.route.httpPlan, case .forward(let forward) = plan.action,
            forward.path != nil || forward.authority != nil
        {
            var rewrite: [String] = []
            if let path = forward.path { rewrite.append("path \(path)") }
            if let authority = forward.authority { rewrite.append("authority \(authority)") }
            steps.append(DecisionStep("rewrite", rewrite.joined(separator: ", ")))
        }
        if let target = self.target {
            let rule = target.destinationRule.map { "\($0)" } ?? "no DestinationRule"
            steps.append(DecisionStep("destination", "\(target) (\(rule))"))
        }
        if let balancer = self.endpoint.balancer {
            steps.append(DecisionStep("balance", balancer.description))
        }
        if case .notChosen = self.endpoint {
        } else {
            steps.append(DecisionStep("endpoint", self.endpointText))
        }
        if let resilience = self.resilience, self.target != nil {
            if self.protocolChoice.handling == .http {
                steps.append(DecisionStep("timeout", resilience.timeout.map(GoDuration.format) ?? "none"))
                steps.append(DecisionStep("retries", self.retryText(resilience.retry)))
                steps.append(DecisionStep("fault", resilience.fault.map(\.description) ?? "none"))
                steps.append(
                    DecisionStep(
                        "mirror",
                        resilience.mirrors.isEmpty ? "none" : resilience.mirrors.map(\.summary).joined(separator: "; ")
                    )
                )
            }
            steps.append(DecisionStep("connect", "timeout \(GoDuration.format(resilience.connectTimeout))"))
            steps.append(DecisionStep("limits", resilience.limits.summary))
            steps.append(
                DecisionStep("outlier", resilience.outlierDetection.map(\.summary) ?? "off (no outlierDetection)")
            )
        }
        if let mtls = self.mtls {
            steps.append(DecisionStep("mtls", mtls.description))
        }
        steps.append(DecisionStep("authorize", self.authorizationText))
        if let setCookie = self.setCookie { steps.append(DecisionStep("cookie", "Set-Cookie: \(setCookie)")) }
        steps.append(DecisionStep("result", self.outcome.description))
        return steps
    }

    private var classificationText: String {
        switch self.classification {
        case .service(let service):
            return "service \(service.hostname):\(service.port.number) (address \(service.address))"
        default:
            return self.classification.description
        }
    }

    private var endpointText: String {
        var text = self.endpoint.description
        if let endpoint = self.endpoint.serviceEndpoint, let identity = endpoint.spiffeURI {
            text += ", identity \(identity)"
        } else if case .workload(let workload) = self.endpoint, let identity = workload.spiffeURI {
            text += ", identity \(identity)"
        }
        return text
    }

    private func retryText(_ retry: RetryPlan) -> String {
        guard let plan = self.route.httpPlan, let target = self.target else { return retry.summary }
        let istioDefault = RetryPlan(
            nil,
            routeTimeout: plan.timeout,
            consistentHash: target.trafficPolicy.usesConsistentHash
        )
        return retry.summary + (retry == istioDefault ? " (Istio default)" : "")
    }

    private var authorizationText: String {
        var text = self.authorization.description
        if let check = self.authorization.check {
            let identity = check.request.sourcePrincipal.map { "peer \($0)" } ?? "no peer identity (plaintext)"
            text += " [\(identity), port \(check.request.destinationPort)"
            text += "]"
            for dryRun in check.result.dryRunMatches { text += "; \(dryRun)" }
        }
        return text
    }
}
