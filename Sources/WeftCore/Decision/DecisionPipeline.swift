/// The whole outbound decision for one connection or request from one source workload (architecture §6):
/// classify → protocol → route (L4 or L7) → balance within the chosen subset → resilience settings in force →
/// the destination's mTLS mode → authorization at the destination. Pure and deterministic: the snapshot and the
/// policies are immutable, randomness and time are parameters, and the only mutable state (balancer cursors,
/// active requests, health) lives in the caller's `BalancerCache`.
///
/// ```swift
/// let pipeline = DecisionPipeline(snapshot: snapshot)                   // once per snapshot
/// var balancers = pipeline.makeBalancers(for: BalancerSource(workload: client))   // per caller (and event loop)
/// let input = DecisionInput(source: DecisionSource(workload: client), destination: originalDestination)
/// let decision = pipeline.decide(input, balancers: &balancers, now: clock.now, using: &rng)
/// switch decision.outcome {
/// case .forwarded: connect(decision.endpoint, decision.resilience)  // HBONE or plaintext per endpoint.transport
/// case .answered(let answer): respond(answer)
/// case .denied, .noRoute, .noHealthyEndpoint: refuse(reason: decision.outcome)
/// }
/// ```
///
/// The destination side (mTLS mode and authorization) is what the destination's agent decides on arrival. An
/// explanation evaluates it too (`evaluatesDestination`, the default), so that it is complete and a refusal is
/// predicted; the source agent's data plane turns it off, since the destination agent's own check is the one that
/// counts, and policy evaluation is the costliest step.
package struct DecisionPipeline: Sendable {
    package let snapshot: MeshSnapshot
    /// Built from the snapshot's AuthorizationPolicy and PeerAuthentication resources.
    package let authorization: AuthorizationEvaluator
    /// Whether decisions include the destination's mTLS mode and authorization.
    package let evaluatesDestination: Bool

    package init(snapshot: MeshSnapshot, evaluatesDestination: Bool = true) {
        self.snapshot = snapshot
        self.authorization = AuthorizationEvaluator(
            config: snapshot.config,
            rootNamespace: snapshot.settings.rootNamespace
        )
        self.evaluatesDestination = evaluatesDestination
    }

    /// Balancers for every destination of the snapshot, ranking localities for `source`.
    package func makeBalancers(for source: BalancerSource) -> BalancerCache {
        BalancerCache(snapshot: self.snapshot, source: source)
    }

    /// Decides one connection (`input.request` nil) or request.
    package func decide(
        _ input: DecisionInput,
        balancers: inout BalancerCache,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Decision {
        let classification = self.snapshot.classify(input.destination, from: input.source.traffic)
        return self.decide(input, classified: classification, balancers: &balancers, now: now, using: &rng)
    }

    /// Decides with the destination already classified, e.g. a service named by host rather than by address
    /// (`MeshSnapshot.destination(service:port:)`).
    package func decide(
        _ input: DecisionInput,
        classified classification: DestinationClass,
        balancers: inout BalancerCache,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Decision {
        let protocolChoice = ProtocolChoice(for: classification, hasRequest: input.request != nil)
        let request = protocolChoice.handling == .http ? input.request : nil
        var decision = Decision(
            input: input,
            classification: classification,
            protocolChoice: protocolChoice,
            route: .tcp(.passthrough(input.destination)),
            endpoint: .notChosen,
            resilience: nil,
            mtls: nil,
            authorization: .notEnforced(.notRouted),
            outcome: .forwarded
        )
        switch classification {
        case .blocked(let address):
            let reason = NoRouteReason.blockedByOutboundPolicy(address)
            decision.route = request == nil ? .tcp(.noRoute(reason)) : .http(.noRoute(reason))
            decision.outcome = .noRoute(reason)
        case .passthrough(let address):
            decision.route = request == nil ? .tcp(.passthrough(address)) : .http(.passthrough(address))
            decision.endpoint = .originalDestination(address, .unknownDestination)
            decision.resilience = .defaults
            decision.authorization = .notEnforced(.passthrough)
        case .workload(let workload):
            decision.route = request == nil ? .tcp(.workload(workload)) : .http(.workload(workload))
            decision.endpoint = .workload(workload)
            decision.resilience = .defaults
            (decision.mtls, decision.authorization) = self.destinationSide(
                decision.endpoint,
                serviceNamespace: nil,
                source: input.source,
                request: request
            )
            if !decision.authorization.isAllowed, let check = decision.authorization.check {
                decision.outcome = .denied(check.result.decision)
            }
        case .service(let service):
            if let request {
                let route = self.snapshot.routeHTTP(request, to: service, from: input.source.traffic, using: &rng)
                decision.route = .http(route)
                self.complete(&decision, http: route, request: request, balancers: &balancers, now: now, &rng)
            } else {
                let route = self.snapshot.routeL4(service, from: input.source.traffic, using: &rng)
                decision.route = .tcp(route)
                switch route {
                case .service(let plan):
                    decision.resilience = ResilienceSettings(tcp: plan.target.trafficPolicy)
                    self.forward(&decision, to: plan.target, request: nil, balancers: &balancers, now: now, &rng)
                case .noRoute(let reason):
                    decision.outcome = .noRoute(reason)
                case .workload, .passthrough:
                    // `routeL4` on a service destination never leaves the service.
                    break
                }
            }
        }
        return decision
    }

    /// Steps 4–6 for an L7 decision.
    private func complete(
        _ decision: inout Decision,
        http route: HTTPRouteDecision,
        request: HTTPRequestHead,
        balancers: inout BalancerCache,
        now: ContinuousClock.Instant,
        _ rng: inout some RandomNumberGenerator
    ) {
        guard case .routed(let plan) = route else {
            if case .noRoute(let reason) = route { decision.outcome = .noRoute(reason) }
            return
        }
        switch plan.action {
        case .forward(let forward):
            decision.resilience = ResilienceSettings(
                timeout: plan.timeout,
                retry: plan.retry,
                fault: plan.fault,
                mirrors: plan.mirrors,
                policy: forward.target.trafficPolicy
            )
            let forwarded = request.forwarded(by: plan, forward)
            self.forward(&decision, to: forward.target, request: forwarded, balancers: &balancers, now: now, &rng)
            // The fault filter runs before the router: an abort answers whatever the balancer or the destination
            // would have said (the destination steps stay in the decision, to show what would have happened).
            if let abort = plan.fault?.abort { decision.outcome = .answered(.faultAbort(abort)) }
        case .redirect(let redirect):
            decision.authorization = .notEnforced(.answeredByRoute)
            decision.outcome = .answered(.redirect(redirect))
        case .directResponse(let status, _):
            decision.authorization = .notEnforced(.answeredByRoute)
            decision.outcome = .answered(.directResponse(status: status))
        case .corsPreflight:
            decision.authorization = .notEnforced(.answeredByRoute)
            decision.outcome = .answered(.corsPreflight)
        }
    }

    /// Balances over `target`, then decides the destination side. `request` is the request as it reaches the
    /// destination (rewritten by the route), nil for TCP.
    private func forward(
        _ decision: inout Decision,
        to target: RouteTarget,
        request: HTTPRequestHead?,
        balancers: inout BalancerCache,
        now: ContinuousClock.Instant,
        _ rng: inout some RandomNumberGenerator
    ) {
        if target.resolution == .passthrough {
            decision.endpoint = .originalDestination(decision.input.destination, .resolutionNone)
        } else {
            let pick = balancers.pick(
                for: target,
                request: decision.input.request,
                sourceAddress: decision.input.source.traffic.address,
                now: now,
                using: &rng
            )
            decision.setCookie = pick.setCookie
            switch pick.decision {
            case .endpoint:
                decision.endpoint = .endpoint(pick.endpoint!, pick.summary)
            case .originalDestination:
                decision.endpoint = .originalDestination(decision.input.destination, .passthroughBalancer)
            case .noEndpoint:
                decision.endpoint = .noHealthyEndpoint(pick.summary)
                decision.outcome = .noHealthyEndpoint(BalancerKey(target))
                return
            }
        }
        (decision.mtls, decision.authorization) = self.destinationSide(
            decision.endpoint,
            serviceNamespace: target.serviceNamespace,
            source: decision.input.source,
            request: request
        )
        if let check = decision.authorization.check, !check.result.decision.isAllowed {
            decision.outcome = .denied(check.result.decision)
        }
    }

    /// The destination workload's mTLS mode and authorization, when the chosen destination is in the mesh.
    private func destinationSide(
        _ endpoint: EndpointChoice,
        serviceNamespace: String?,
        source: DecisionSource,
        request: HTTPRequestHead?
    ) -> (EffectiveMTLS?, AuthorizationStep) {
        let target: PolicyTarget
        let address: DestinationAddress
        if !self.evaluatesDestination {
            switch endpoint {
            case .noHealthyEndpoint, .notChosen: return (nil, .notEnforced(.notRouted))
            default: return (nil, .notEnforced(.leftToDestination))
            }
        }
        switch endpoint {
        case .endpoint(let chosen, _):
            guard chosen.transport == .hbone, let ip = chosen.address.ipAddress else {
                return (nil, .notEnforced(.destinationOutsideMesh))
            }
            let namespace = chosen.workload?.namespace ?? serviceNamespace ?? source.traffic.namespace
            target = PolicyTarget(namespace: namespace, labels: chosen.labels)
            address = DestinationAddress(ip, chosen.port)
        case .workload(let workload):
            guard workload.transport == .hbone, let found = self.snapshot.workload(key: workload.workload) else {
                return (nil, .notEnforced(.destinationOutsideMesh))
            }
            target = PolicyTarget(namespace: found.namespace, labels: found.labels)
            address = workload.address
        case .originalDestination(let original, _):
            guard let found = self.snapshot.workload(address: original.address), found.isHBONEReachable else {
                return (nil, .notEnforced(.passthrough))
            }
            target = PolicyTarget(namespace: found.namespace, labels: found.labels)
            address = original
        case .noHealthyEndpoint, .notChosen:
            return (nil, .notEnforced(.notRouted))
        }
        let mtls = self.authorization.effectiveMTLS(for: target, port: address.port)
        let check = AuthorizationRequest(
            sourceIdentity: source.identity,
            sourceIP: source.address,
            destinationIP: address.address,
            destinationPort: address.port,
            http: request.map(HTTPRequestAttributes.init(head:))
        )
        let result = self.authorization.evaluate(check, for: target)
        return (mtls, .evaluated(AuthorizationCheck(target: target, request: check, result: result)))
    }
}
