/// Everything the mesh decides for one connection or request from one source workload, step by step (style G2,
/// G7): the data plane carries it out, `weft explain` prints it, tests assert on it.
///
/// Immutable and built by `DecisionPipeline.decide`. Each step keeps its inputs and the reason it came out as it
/// did (the matched rule, the DestinationRule, the balancer, the deciding policy); `steps` renders them.
package struct Decision: Hashable, Sendable {
    package var input: DecisionInput
    /// Step 1: what the original destination is.
    package var classification: DestinationClass
    /// Step 2: HTTP or TCP, and why.
    package var protocolChoice: ProtocolChoice
    /// Step 3: the VirtualService rule (or default route) and its plan.
    package var route: RouteChoice
    /// Step 4: the endpoint the balancer chose.
    package var endpoint: EndpointChoice
    /// Step 5: timeouts, retries, fault, mirrors, circuit breakers and outlier detection in force; nil when
    /// nothing is forwarded.
    package var resilience: ResilienceSettings?
    /// The destination workload port's effective PeerAuthentication mode; nil when the destination is outside
    /// the mesh or nothing is forwarded.
    package var mtls: EffectiveMTLS?
    /// Step 6: authorization at the destination.
    package var authorization: AuthorizationStep
    /// A `Set-Cookie` for consistent-hash affinity the response must carry.
    package var setCookie: String?
    /// What happens in the end.
    package var outcome: DecisionOutcome

    package init(
        input: DecisionInput,
        classification: DestinationClass,
        protocolChoice: ProtocolChoice,
        route: RouteChoice,
        endpoint: EndpointChoice,
        resilience: ResilienceSettings?,
        mtls: EffectiveMTLS?,
        authorization: AuthorizationStep,
        setCookie: String? = nil,
        outcome: DecisionOutcome
    ) {
        self.input = input
        self.classification = classification
        self.protocolChoice = protocolChoice
        self.route = route
        self.endpoint = endpoint
        self.resilience = resilience
        self.mtls = mtls
        self.authorization = authorization
        self.setCookie = setCookie
        self.outcome = outcome
    }

    /// The service port and subset balanced over, when the traffic goes to a service.
    package var target: RouteTarget? { self.route.target }

    /// The VirtualService rule that decided, if one did.
    package var rule: MatchedRule? { self.route.rule }

    /// Forwarded (or answered by the route) and allowed: `weft explain` exits 0.
    package var isAllowedAndRouted: Bool { self.outcome.isAllowedAndRouted }
}
