extension MeshSnapshot {
    /// Routes an HTTP request from `source`, sent on a connection to `destination` (architecture §6 step 3, L7).
    package func routeHTTP(
        _ request: HTTPRequestHead,
        to destination: DestinationAddress,
        from source: TrafficSource,
        using rng: inout some RandomNumberGenerator
    ) -> HTTPRouteDecision {
        switch self.classify(destination, from: source) {
        case .service(let service): return self.routeHTTP(request, to: service, from: source, using: &rng)
        case .workload(let workload): return .workload(workload)
        case .passthrough(let address): return .passthrough(address)
        case .blocked(let address): return .noRoute(.blockedByOutboundPolicy(address))
        }
    }

    /// Routes an HTTP request to a service port: the VirtualService's `http[]` rules in order, first match wins
    /// (Istio semantics, not best match); a VirtualService without `http[]` rules, or none at all, gives the
    /// service's default route. A request no rule matches has no route (Envoy's 404 `NR`).
    package func routeHTTP(
        _ request: HTTPRequestHead,
        to destination: ServiceDestination,
        from source: TrafficSource,
        using rng: inout some RandomNumberGenerator
    ) -> HTTPRouteDecision {
        let port = destination.port.number
        guard let index = self.serviceRouting[destination.ref.service].virtualService[source.namespace],
            !self.virtualServices.virtualServices[index].http.isEmpty
        else {
            return self.defaultHTTPRoute(to: destination, from: source)
        }
        let virtualService = self.virtualServices.virtualServices[index]
        for route in virtualService.http {
            guard let matchIndex = route.matchIndex(request, port: port, source: source) else { continue }
            let match = matchIndex >= 0 ? route.matches[matchIndex] : nil
            let rule = MatchedRule(
                virtualService: virtualService.id,
                kind: .http,
                index: route.index,
                name: route.name,
                matchIndex: matchIndex >= 0 ? matchIndex : nil,
                matchName: match?.name
            )
            return self.apply(route, match: match, rule: rule, request: request, to: destination, from: source, &rng)
        }
        return .noRoute(.noMatchingRule(virtualService: virtualService.id))
    }

    /// The route Istio builds for a service no VirtualService routes: all of the service, Istio's default retries.
    private func defaultHTTPRoute(to destination: ServiceDestination, from source: TrafficSource) -> HTTPRouteDecision {
        let result = self.target(
            service: destination.ref.service,
            port: destination.port.number,
            subset: nil,
            source: source,
            rule: nil
        )
        switch result {
        case .failure(let reason):
            return .noRoute(reason)
        case .success(let target):
            if target.endpoints.isEmpty && target.resolution != .passthrough {
                return .noRoute(.noEndpoints(host: target.hostname, subset: nil))
            }
            return .routed(
                HTTPRoutePlan(
                    destination: destination,
                    rule: nil,
                    action: .forward(ForwardAction(target: target, path: nil, authority: nil)),
                    cors: .notApplicable,
                    fault: nil,
                    timeout: nil,
                    retry: RetryPlan(nil, routeTimeout: nil, consistentHash: target.trafficPolicy.usesConsistentHash),
                    mirrors: [],
                    requestHeaders: [],
                    responseHeaders: []
                )
            )
        }
    }

    private func apply(
        _ route: CompiledHTTPRoute,
        match: HTTPRouteMatch?,
        rule: MatchedRule,
        request: HTTPRequestHead,
        to destination: ServiceDestination,
        from source: TrafficSource,
        _ rng: inout some RandomNumberGenerator
    ) -> HTTPRouteDecision {
        let listenerPort = destination.port.number
        let (routeRequestHeaders, routeAuthority) = route.headers.request.splittingAuthority()
        var plan = HTTPRoutePlan(
            destination: destination,
            rule: rule,
            action: .directResponse(status: 500, body: nil),
            cors: .notApplicable,
            fault: nil,
            timeout: route.timeout,
            retry: .disabled,
            mirrors: [],
            requestHeaders: routeRequestHeaders.isEmpty ? [] : [routeRequestHeaders],
            responseHeaders: route.headers.response.isEmpty ? [] : [route.headers.response]
        )

        var preflightHeaders: [HTTPHeaderField]?
        if let cors = route.cors {
            (plan.cors, preflightHeaders) = cors.decide(request)
        }

        switch route.action {
        case .redirect(let redirect):
            plan.action = .redirect(RedirectPlan(redirect, request: request, listenerPort: listenerPort))
        case .directResponse(let response):
            plan.action = .directResponse(status: response.status, body: response.body)
        case .forward(let destinations):
            guard let chosen = destinations.pick(using: &rng) else { return .noRoute(.allWeightsZero(rule: rule)) }
            guard let service = chosen.serviceIndex else {
                return .noRoute(.unknownDestinationHost(chosen.host, rule: rule))
            }
            let port = chosen.resolvedPort(listenerPort: listenerPort, in: self.registry)
            let target: RouteTarget
            switch self.target(service: service, port: port, subset: chosen.subset, source: source, rule: rule) {
            case .failure(let reason): return .noRoute(reason)
            case .success(let found): target = found
            }
            if target.endpoints.isEmpty && target.resolution != .passthrough {
                return .noRoute(.noEndpoints(host: target.hostname, subset: target.subset))
            }
            let (destinationRequestHeaders, destinationAuthority) = chosen.headers.request.splittingAuthority()
            if !destinationRequestHeaders.isEmpty { plan.requestHeaders.append(destinationRequestHeaders) }
            if !chosen.headers.response.isEmpty { plan.responseHeaders.append(chosen.headers.response) }
            plan.action = .forward(
                ForwardAction(
                    target: target,
                    path: PathRewrite.apply(
                        rewrite: route.rewrite,
                        regex: route.regexRewrite,
                        match: match,
                        to: request
                    ),
                    authority: route.rewrite?.authority ?? routeAuthority ?? destinationAuthority
                )
            )
            plan.retry = RetryPlan(
                route.retries,
                routeTimeout: route.timeout,
                consistentHash: target.trafficPolicy.usesConsistentHash
            )
            plan.mirrors = self.mirrors(of: route, listenerPort: listenerPort, source: source, &rng)
        }

        if let preflightHeaders {
            // The CORS filter answers before fault injection and routing see the request.
            plan.action = .corsPreflight(headers: preflightHeaders)
            plan.retry = .disabled
            plan.mirrors = []
        } else if let fault = route.fault {
            plan.fault = FaultDecision(fault, using: &rng)
        }
        return .routed(plan)
    }

    private func mirrors(
        of route: CompiledHTTPRoute,
        listenerPort: Int,
        source: TrafficSource,
        _ rng: inout some RandomNumberGenerator
    ) -> [MirrorDecision] {
        guard !route.mirrors.isEmpty else { return [] }
        var decisions: [MirrorDecision] = []
        for mirror in route.mirrors {
            guard PercentRoll.hits(mirror.percentage, using: &rng), let service = mirror.destination.serviceIndex
            else { continue }
            let port = mirror.destination.resolvedPort(listenerPort: listenerPort, in: self.registry)
            let result = self.target(
                service: service,
                port: port,
                subset: mirror.destination.subset,
                source: source,
                rule: nil
            )
            if case .success(let target) = result {
                decisions.append(MirrorDecision(target: target, percentage: mirror.percentage))
            }
        }
        return decisions
    }
}
