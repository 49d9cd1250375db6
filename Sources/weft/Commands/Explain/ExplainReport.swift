import WeftCore

/// The JSON shape of `weft explain -o json`: one document with each step as data, the same steps as text, and
/// the result with its exit code.
struct ExplainReport: Encodable {
    struct Source: Encodable {
        var workload: String
        var address: String?
        var identity: String?
    }

    struct Header: Encodable {
        var name: String
        var value: String
    }

    struct Request: Encodable {
        var method: String
        var path: String
        var authority: String
        var headers: [Header]
    }

    struct Classification: Encodable {
        /// `service`, `workload`, `passthrough` or `blocked`.
        var kind: String
        var address: String
        var service: String?
        var port: Int?
        var workload: String?
        var text: String
    }

    struct ProtocolStep: Encodable {
        var declared: String
        /// `http` or `tcp`.
        var handling: String
        var text: String
    }

    struct Rule: Encodable {
        var virtualService: String
        var kind: String
        var index: Int
        var name: String?
        var match: Int?
    }

    struct Route: Encodable {
        /// `http` or `tcp`.
        var kind: String
        var rule: Rule?
        var text: String
    }

    struct Target: Encodable {
        var host: String
        var port: Int
        var subset: String?
        var destinationRule: String?
    }

    struct Balancer: Encodable {
        var algorithm: String
        var hashKey: String?
        var endpoints: Int
        var panic: Bool
        var text: String
    }

    struct Endpoint: Encodable {
        var address: String
        var workload: String?
        var transport: String?
        var identity: String?
        var text: String
    }

    struct Retries: Encodable {
        var attempts: Int
        var perTryTimeout: String?
        var retryOn: [String]
        var statusCodes: [Int]
        var text: String
    }

    struct Resilience: Encodable {
        var timeout: String?
        var retries: Retries
        var fault: String?
        var mirrors: [String]
        var connectTimeout: String
        var limits: String
        var outlierDetection: String?
    }

    struct MTLS: Encodable {
        var mode: String
        var decidedBy: String?
        var text: String
    }

    struct Authorization: Encodable {
        var enforced: Bool
        var allowed: Bool
        var policy: String?
        var rule: Int?
        var dryRun: [String]
        var text: String
    }

    struct Result: Encodable {
        /// `allowed`, `answered`, `denied` or `no-route`.
        var status: String
        var reason: String
        /// The AuthorizationPolicy or PeerAuthentication that decided a denial, when one did.
        var policy: String?
        var exitCode: Int
    }

    struct Step: Encodable {
        var step: String
        var text: String
    }

    struct Row: Encodable {
        var name: String
        var count: Int
        var percent: Double
    }

    struct Samples: Encodable {
        var total: Int
        var seed: UInt64
        var subsets: [Row]
        var endpoints: [Row]
        var notForwarded: [Row]
    }

    var source: Source
    var destination: String
    var request: Request?
    var classification: Classification
    var `protocol`: ProtocolStep
    var route: Route
    var target: Target?
    var balancer: Balancer?
    var endpoint: Endpoint?
    var resilience: Resilience?
    var mtls: MTLS?
    var authorization: Authorization
    var result: Result
    var steps: [Step]
    var samples: Samples?

    init(_ explanation: Explanation) {
        let decision = explanation.decision
        let source = decision.input.source
        self.source = Source(
            workload: explanation.source.key.description,
            address: source.traffic.address?.description,
            identity: source.identity?.description
        )
        self.destination = explanation.destinationText
        self.request =
            decision.protocolChoice.handling == .http
            ? decision.input.request.map { request in
                Request(
                    method: request.method,
                    path: request.path,
                    authority: request.authority,
                    headers: request.headers.map { Header(name: $0.name, value: $0.value) }
                )
            } : nil
        self.classification = Self.classification(decision.classification)
        self.protocol = ProtocolStep(
            declared: decision.protocolChoice.declared.rawValue,
            handling: decision.protocolChoice.handling.rawValue,
            text: decision.protocolChoice.description
        )
        let kind: String
        if case .http = decision.route { kind = "http" } else { kind = "tcp" }
        self.route = Route(
            kind: kind,
            rule: decision.rule.map { rule in
                Rule(
                    virtualService: "\(rule.virtualService.namespace)/\(rule.virtualService.name)",
                    kind: rule.kind.rawValue,
                    index: rule.index,
                    name: rule.routeName,
                    match: rule.matchIndex
                )
            },
            text: decision.route.description
        )
        self.target = decision.target.map { target in
            Target(
                host: target.hostname,
                port: target.port,
                subset: target.subset,
                destinationRule: target.destinationRule.map { "\($0.namespace)/\($0.name)" }
            )
        }
        self.balancer = decision.endpoint.balancer.map { summary in
            Balancer(
                algorithm: summary.algorithm.istioName,
                hashKey: summary.hashKey?.istioDescription,
                endpoints: summary.endpoints,
                panic: summary.panic,
                text: summary.description
            )
        }
        self.endpoint = Self.endpoint(decision.endpoint)
        self.resilience = decision.resilience.map { resilience in
            Resilience(
                timeout: resilience.timeout.map(GoDuration.format),
                retries: Retries(
                    attempts: resilience.retry.attempts,
                    perTryTimeout: resilience.retry.perTryTimeout.map(GoDuration.format),
                    retryOn: resilience.retry.conditions.map(\.description),
                    statusCodes: resilience.retry.retriableStatusCodes,
                    text: resilience.retry.summary
                ),
                fault: resilience.fault?.description,
                mirrors: resilience.mirrors.map(\.summary),
                connectTimeout: GoDuration.format(resilience.connectTimeout),
                limits: resilience.limits.summary,
                outlierDetection: resilience.outlierDetection?.summary
            )
        }
        self.mtls = decision.mtls.map { mtls in
            MTLS(mode: mtls.mode.rawValue, decidedBy: mtls.decidedBy?.description, text: mtls.description)
        }
        let check = decision.authorization.check
        var rule: Int?
        switch check?.result.decision {
        case .allow(.allowedBy(_, let index)), .deny(.explicitDeny(_, let index)): rule = index
        default: rule = nil
        }
        self.authorization = Authorization(
            enforced: check != nil,
            allowed: decision.authorization.isAllowed,
            policy: check?.result.decision.decidingResource?.description,
            rule: rule,
            dryRun: check?.result.dryRunMatches.map(\.description) ?? [],
            text: decision.authorization.description
        )
        self.result = Self.result(decision)
        self.steps = decision.steps.map { Step(step: $0.label, text: $0.text) }
        self.samples = explanation.samples.map { spread in
            func rows(_ rows: [SampleSpread.Row]) -> [Row] {
                rows.map { Row(name: $0.name, count: $0.count, percent: spread.percent($0.count)) }
            }
            return Samples(
                total: spread.total,
                seed: spread.seed,
                subsets: rows(spread.subsetRows),
                endpoints: rows(spread.endpointRows),
                notForwarded: rows(spread.outcomeRows)
            )
        }
    }

    private static func classification(_ destination: DestinationClass) -> Classification {
        switch destination {
        case .service(let service):
            return Classification(
                kind: "service",
                address: service.address.description,
                service: service.hostname,
                port: service.port.number,
                workload: nil,
                text: destination.description
            )
        case .workload(let workload):
            return Classification(
                kind: "workload",
                address: workload.address.description,
                service: workload.serviceHostname,
                port: workload.address.port,
                workload: workload.workload.description,
                text: destination.description
            )
        case .passthrough(let address):
            return Classification(
                kind: "passthrough",
                address: address.description,
                port: address.port,
                text: destination.description
            )
        case .blocked(let address):
            return Classification(
                kind: "blocked",
                address: address.description,
                port: address.port,
                text: destination.description
            )
        }
    }

    private static func endpoint(_ choice: EndpointChoice) -> Endpoint? {
        switch choice {
        case .endpoint(let endpoint, _):
            return Endpoint(
                address: endpoint.balancerKey,
                workload: endpoint.workload?.description,
                transport: endpoint.transport.rawValue,
                identity: endpoint.spiffeURI,
                text: choice.description
            )
        case .workload(let workload):
            return Endpoint(
                address: workload.address.description,
                workload: workload.workload.description,
                transport: workload.transport.rawValue,
                identity: workload.spiffeURI,
                text: choice.description
            )
        case .originalDestination(let address, _):
            return Endpoint(
                address: address.description,
                transport: EndpointTransport.plaintext.rawValue,
                text: choice.description
            )
        case .noHealthyEndpoint, .notChosen:
            return nil
        }
    }

    private static func result(_ decision: Decision) -> Result {
        let status: String
        var policy: String?
        switch decision.outcome {
        case .forwarded: status = "allowed"
        case .answered: status = "answered"
        case .denied(let denial):
            status = "denied"
            policy = denial.decidingResource?.description
        case .noRoute, .noHealthyEndpoint: status = "no-route"
        }
        return Result(
            status: status,
            reason: decision.outcome.description,
            policy: policy,
            exitCode: decision.isAllowedAndRouted ? 0 : 2
        )
    }
}

extension ExplainReport.Classification {
    init(kind: String, address: String, port: Int, text: String) {
        self.init(kind: kind, address: address, service: nil, port: port, workload: nil, text: text)
    }
}

extension ExplainReport.Endpoint {
    init(address: String, transport: String, text: String) {
        self.init(address: address, workload: nil, transport: transport, identity: nil, text: text)
    }
}
