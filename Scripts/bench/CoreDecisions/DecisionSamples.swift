import WeftCore

/// One L7 decision's input: the request head, the VIP:port the client connected to, the client, and the rule the
/// request was built to hit (checked once before timing, so the benchmark measures what it claims).
struct HTTPSample {
    let request: HTTPRequestHead
    let destination: DestinationAddress
    let source: Int
    let expectedRule: Int
}

/// One L4 decision's input: the original destination (a VIP and the tcp port) and the client.
struct L4Sample {
    let destination: DestinationAddress
    let source: Int
}

/// One per-connection authorization check at the destination.
struct AuthorizationSample {
    let request: AuthorizationRequest
    let target: PolicyTarget
}

/// Precomputed decision inputs, drawn with a fixed seed: uniformly random services and clients, and for L7 a rule
/// index uniform over `0..<rulesPerHost`, so on average half of a host's rules are tried before one matches.
/// A power-of-two count lets the timing loop cycle through them with a mask.
struct DecisionSamples {
    static let count = 4_096

    let clients: [TrafficSource]
    let l4: [L4Sample]
    let http: [HTTPSample]
    let authorization: [AuthorizationSample]

    init(shape: MeshShape, snapshot: MeshSnapshot, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let clientCount = 16
        var clients: [TrafficSource] = []
        var identities: [SpiffeID] = []
        for index in 0..<clientCount {
            let namespace = "ns-\(index % shape.namespaces)"
            clients.append(
                TrafficSource(
                    namespace: namespace,
                    labels: ["app": "client-\(index)", "version": "v1"],
                    // Client 15 sends from the block the mesh-wide DENY policy names.
                    address: index == 15 ? .v4(0xC000_0207) : .v4(0x0AF8_C801 + UInt32(index))
                )
            )
            identities.append(
                try! SpiffeID(
                    trustDomain: MeshShape.clusterDomain,
                    namespace: namespace,
                    serviceAccount: "client-\(index)"
                )
            )
        }
        self.clients = clients

        let vips = (0..<shape.services).map { index in
            snapshot.service(hostname: shape.hostname(ofService: index))!.addresses.first!
        }
        var l4: [L4Sample] = []
        var http: [HTTPSample] = []
        var authorization: [AuthorizationSample] = []
        for _ in 0..<Self.count {
            let service = Int(rng.next(upperBound: UInt(shape.services)))
            let client = Int(rng.next(upperBound: UInt(clientCount)))
            l4.append(L4Sample(destination: DestinationAddress(vips[service], MeshShape.tcpPort), source: client))

            let rule = Int(rng.next(upperBound: UInt(shape.rulesPerHost)))
            http.append(
                HTTPSample(
                    request: Self.request(hitting: rule, of: shape, service: service, using: &rng),
                    destination: DestinationAddress(vips[service], MeshShape.httpPort),
                    source: client,
                    expectedRule: rule
                )
            )

            let endpoint = Int(rng.next(upperBound: UInt(shape.endpointsPerService)))
            let name = shape.name(ofService: service)
            authorization.append(
                AuthorizationSample(
                    request: AuthorizationRequest(
                        sourceIdentity: identities[client],
                        sourceIP: clients[client].address!,
                        destinationIP: shape.address(ofEndpoint: endpoint, service: service),
                        destinationPort: MeshShape.tcpPort
                    ),
                    target: PolicyTarget(
                        namespace: shape.namespace(ofService: service),
                        labels: ["app": name, "version": endpoint % 2 == 0 ? "v1" : "v2"]
                    )
                )
            )
        }
        self.l4 = l4
        self.http = http
        self.authorization = authorization
    }

    /// A request that the `rule`-th rule of the host's list matches and no earlier rule does; the last rule (the
    /// canary) gets a plain `GET /` that every matching rule misses.
    private static func request(
        hitting rule: Int,
        of shape: MeshShape,
        service: Int,
        using rng: inout SplitMix64
    ) -> HTTPRequestHead {
        var method = "GET"
        var path = "/"
        var headers = [
            HTTPHeaderField("user-agent", "curl/8.5.0"),
            HTTPHeaderField("accept", "*/*"),
            HTTPHeaderField("x-request-id", String(rng.next(), radix: 16)),
        ]
        if rule < shape.rulesPerHost - 1 {
            switch SyntheticMesh.RuleKind(rule: rule) {
            case .headerExact: headers.append(HTTPHeaderField("x-tenant", "tenant-\(rule)"))
            case .uriPrefix: path = "/api/r\(rule)/items?page=2"
            case .uriExact: path = "/exact/r\(rule)"
            case .uriRegex: path = "/items/\(rng.next(upperBound: UInt(100_000)))/r\(rule)"
            case .methodAndPrefix:
                method = "POST"
                path = "/orders/r\(rule)/new"
            case .headerRegex: headers.append(HTTPHeaderField("x-user", "user-abc-r\(rule)"))
            }
        }
        return HTTPRequestHead(
            method: method,
            authority: "\(shape.name(ofService: service)).\(shape.namespace(ofService: service)):\(MeshShape.httpPort)",
            path: path,
            headers: headers
        )
    }
}
