import Testing
import WeftCore

/// One row: these policies, this connection or request to httpbin in `foo`, this decision.
struct AuthorizationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let policies: [AuthorizationPolicy]
    let request: AuthorizationRequest
    let expected: AuthorizationDecision

    var testDescription: String { self.name }
}

/// Istio's documented authorization examples (istio.io "Security → Authorization" tasks and the AuthorizationPolicy
/// reference), evaluated as ztunnel.md §5.1/§5.2 and architecture §6 say.
@Suite("Authorization truth table")
struct AuthorizationTruthTableTests {
    typealias F = Fixtures

    static let allowNothing = F.policy("foo/allow-nothing", rules: nil)
    static let denyAll = F.policy("foo/deny-all", .deny, rules: [F.rule()])
    static let allowAll = F.policy("foo/allow-all", rules: [F.rule()])

    // MARK: - allow-nothing, deny-all, allow-all

    static let basics: [AuthorizationCase] = [
        .init(
            name: "no policy: everything is allowed",
            policies: [],
            request: F.request(from: nil),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "allow-nothing (spec: {}) denies an mTLS caller",
            policies: [allowNothing],
            request: F.request(from: F.sleep),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/allow-nothing")]))
        ),
        .init(
            name: "allow-nothing denies plaintext too",
            policies: [allowNothing],
            request: F.request(from: nil),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/allow-nothing")]))
        ),
        .init(
            name: "allow-all (rules: [{}]) allows plaintext",
            policies: [allowAll],
            request: F.request(from: nil),
            expected: .allow(.allowedBy(policy: F.apID("foo/allow-all"), rule: 0))
        ),
        .init(
            name: "allow-all next to allow-nothing: any matching ALLOW allows",
            policies: [allowNothing, allowAll],
            request: F.request(from: F.curl),
            expected: .allow(.allowedBy(policy: F.apID("foo/allow-all"), rule: 0))
        ),
        .init(
            name: "DENY rules: [{}] denies everything, even with allow-all",
            policies: [allowAll, denyAll],
            request: F.request(from: F.sleep),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-all"), rule: 0))
        ),
        .init(
            name: "a DENY policy without rules never matches",
            policies: [F.policy("foo/empty-deny", .deny, rules: nil)],
            request: F.request(from: F.sleep),
            expected: .allow(.noAllowPolicies)
        ),
    ]

    // MARK: - principals, namespaces, service accounts

    static let viewer = F.policy(
        "foo/viewer",
        selector: ["app": "httpbin"],
        rules: [
            F.rule(from: [F.source { $0.principals = ["cluster.local/ns/foo/sa/sleep"] }])
        ]
    )
    static let denyOtherNamespaces = F.policy(
        "foo/deny-other-ns",
        .deny,
        rules: [F.rule(from: [F.source { $0.notNamespaces = ["foo"] }])]
    )
    static let denyBar = F.policy(
        "foo/deny-bar",
        .deny,
        rules: [F.rule(from: [F.source { $0.namespaces = ["bar"] }])]
    )

    static let identities: [AuthorizationCase] = [
        .init(
            name: "ALLOW by principal admits that principal",
            policies: [viewer],
            request: F.request(from: F.sleep),
            expected: .allow(.allowedBy(policy: F.apID("foo/viewer"), rule: 0))
        ),
        .init(
            name: "ALLOW by principal refuses another principal",
            policies: [viewer],
            request: F.request(from: F.curl),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/viewer")]))
        ),
        .init(
            name: "ALLOW by principal refuses plaintext (no identity)",
            policies: [viewer],
            request: F.request(from: nil),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/viewer")]))
        ),
        .init(
            name: "principal patterns: prefix and suffix",
            policies: [
                F.policy(
                    "foo/patterns",
                    rules: [F.rule(from: [F.source { $0.principals = ["cluster.local/ns/nope/*", "*/sa/curl"] }])]
                )
            ],
            request: F.request(from: F.curl),
            expected: .allow(.allowedBy(policy: F.apID("foo/patterns"), rule: 0))
        ),
        .init(
            name: "principal `*` matches any identity but not plaintext",
            policies: [F.policy("foo/any-identity", rules: [F.rule(from: [F.source { $0.principals = ["*"] }])])],
            request: F.request(from: nil),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/any-identity")]))
        ),
        .init(
            name: "DENY by namespace denies a caller from that namespace",
            policies: [denyBar],
            request: F.request(from: F.curl),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-bar"), rule: 0))
        ),
        .init(
            name: "DENY by namespace lets other namespaces through",
            policies: [denyBar],
            request: F.request(from: F.sleep),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "DENY by namespace does not match plaintext (no namespace known)",
            policies: [denyBar],
            request: F.request(from: nil),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "DENY notNamespaces [foo] denies callers from elsewhere",
            policies: [denyOtherNamespaces],
            request: F.request(from: F.curl),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-other-ns"), rule: 0))
        ),
        .init(
            name: "DENY notNamespaces [foo] lets foo through",
            policies: [denyOtherNamespaces],
            request: F.request(from: F.sleep),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "DENY notNamespaces [foo] denies plaintext (no namespace is not foo)",
            policies: [denyOtherNamespaces],
            request: F.request(from: nil),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-other-ns"), rule: 0))
        ),
        .init(
            name: "DENY notPrincipals [*] is Istio's STRICT: plaintext is denied",
            policies: [
                F.policy("foo/require-mtls", .deny, rules: [F.rule(from: [F.source { $0.notPrincipals = ["*"] }])])
            ],
            request: F.request(from: nil),
            expected: .deny(.explicitDeny(policy: F.apID("foo/require-mtls"), rule: 0))
        ),
        .init(
            name: "DENY notPrincipals [*] lets any identity through",
            policies: [
                F.policy("foo/require-mtls", .deny, rules: [F.rule(from: [F.source { $0.notPrincipals = ["*"] }])])
            ],
            request: F.request(from: F.curl),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "ALLOW notPrincipals admits everyone except the named principal",
            policies: [
                F.policy(
                    "foo/not-curl",
                    rules: [F.rule(from: [F.source { $0.notPrincipals = ["cluster.local/ns/bar/sa/curl"] }])]
                )
            ],
            request: F.request(from: F.curl),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/not-curl")]))
        ),
        .init(
            name: "serviceAccounts ns/sa matches the identity's namespace and account",
            policies: [
                F.policy("foo/by-account", rules: [F.rule(from: [F.source { $0.serviceAccounts = ["bar/curl"] }])])
            ],
            request: F.request(from: F.curl),
            expected: .allow(.allowedBy(policy: F.apID("foo/by-account"), rule: 0))
        ),
        .init(
            name: "serviceAccounts does not match the same account name in another namespace",
            policies: [
                F.policy("foo/by-account", rules: [F.rule(from: [F.source { $0.serviceAccounts = ["foo/curl"] }])])
            ],
            request: F.request(from: F.curl),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/by-account")]))
        ),
        .init(
            name: "sources are OR'ed: the second source admits namespace bar",
            policies: [
                F.policy(
                    "foo/either",
                    rules: [
                        F.rule(from: [
                            F.source { $0.principals = ["cluster.local/ns/default/sa/sleep"] },
                            F.source { $0.namespaces = ["bar"] },
                        ])
                    ]
                )
            ],
            request: F.request(from: F.curl),
            expected: .allow(.allowedBy(policy: F.apID("foo/either"), rule: 0))
        ),
        .init(
            name: "fields of one source are AND'ed: namespace matches but the IP does not",
            policies: [
                F.policy(
                    "foo/both",
                    rules: [
                        F.rule(from: [
                            F.source {
                                $0.namespaces = ["bar"]
                                $0.ipBlocks = [F.cidr("10.248.2.0/24")]
                            }
                        ])
                    ]
                )
            ],
            request: F.request(from: F.curl, ip: "10.248.1.10"),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/both")]))
        ),
        .init(
            name: "rules are OR'ed: the second rule matches and is the one reported",
            policies: [
                F.policy(
                    "foo/two-rules",
                    rules: [
                        F.rule(from: [F.source { $0.namespaces = ["nope"] }]),
                        F.rule(from: [F.source { $0.namespaces = ["bar"] }]),
                    ]
                )
            ],
            request: F.request(from: F.curl),
            expected: .allow(.allowedBy(policy: F.apID("foo/two-rules"), rule: 1))
        ),
    ]

    // MARK: - IP blocks, ports, L4 conditions

    static let addresses: [AuthorizationCase] = [
        .init(
            name: "ipBlocks admits an address inside a non-canonical block",
            policies: [
                F.policy("foo/ip", rules: [F.rule(from: [F.source { $0.ipBlocks = [F.cidr("10.248.1.77/24")] }])])
            ],
            request: F.request(from: nil, ip: "10.248.1.10"),
            expected: .allow(.allowedBy(policy: F.apID("foo/ip"), rule: 0))
        ),
        .init(
            name: "ipBlocks refuses an address outside",
            policies: [
                F.policy("foo/ip", rules: [F.rule(from: [F.source { $0.ipBlocks = [F.cidr("10.248.1.0/24")] }])])
            ],
            request: F.request(from: nil, ip: "10.248.2.10"),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/ip")]))
        ),
        .init(
            name: "DENY notIpBlocks denies everything outside the block",
            policies: [
                F.policy(
                    "foo/only-lan",
                    .deny,
                    rules: [F.rule(from: [F.source { $0.notIpBlocks = [F.cidr("10.248.0.0/16")] }])]
                )
            ],
            request: F.request(from: F.sleep, ip: "192.0.2.1"),
            expected: .deny(.explicitDeny(policy: F.apID("foo/only-lan"), rule: 0))
        ),
        .init(
            name: "an IPv4 block never contains an IPv6 source",
            policies: [F.policy("foo/v4", rules: [F.rule(from: [F.source { $0.ipBlocks = [F.cidr("0.0.0.0/0")] }])])],
            request: F.request(from: nil, ip: "fd00:248::1"),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/v4")]))
        ),
        .init(
            name: "TCP task: ports 9000/9001 allowed",
            policies: [F.policy("foo/tcp", rules: [F.rule(to: [F.operation { $0.ports = [9000, 9001] }])])],
            request: F.request(from: F.sleep, port: 9001),
            expected: .allow(.allowedBy(policy: F.apID("foo/tcp"), rule: 0))
        ),
        .init(
            name: "TCP task: port 9002 refused",
            policies: [F.policy("foo/tcp", rules: [F.rule(to: [F.operation { $0.ports = [9000, 9001] }])])],
            request: F.request(from: F.sleep, port: 9002),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/tcp")]))
        ),
        .init(
            name: "notPorts: DENY everything but the metrics port",
            policies: [
                F.policy("foo/not-metrics", .deny, rules: [F.rule(to: [F.operation { $0.notPorts = [15020] }])])
            ],
            request: F.request(from: F.sleep, port: 15020),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "when source.ip and destination.port are AND'ed",
            policies: [
                F.policy(
                    "foo/when-l4",
                    rules: [
                        F.rule(when: [
                            F.when("source.ip", values: ["10.248.1.0/24"]),
                            F.when("destination.port", values: ["8000"]),
                        ])
                    ]
                )
            ],
            request: F.request(from: nil, ip: "10.248.1.10", port: 8000),
            expected: .allow(.allowedBy(policy: F.apID("foo/when-l4"), rule: 0))
        ),
        .init(
            name: "when destination.ip notValues excludes that address",
            policies: [
                F.policy(
                    "foo/not-this-ip",
                    rules: [F.rule(when: [F.when("destination.ip", notValues: ["10.248.0.20"])])]
                )
            ],
            request: F.request(from: F.sleep),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/not-this-ip")]))
        ),
        .init(
            name: "when source.principal uses the principal form",
            policies: [
                F.policy(
                    "foo/when-principal",
                    rules: [F.rule(when: [F.when("source.principal", values: ["cluster.local/ns/foo/*"])])]
                )
            ],
            request: F.request(from: F.sleep),
            expected: .allow(.allowedBy(policy: F.apID("foo/when-principal"), rule: 0))
        ),
        .init(
            name: "when source.namespace notValues holds for plaintext",
            policies: [
                F.policy("foo/not-foo", .deny, rules: [F.rule(when: [F.when("source.namespace", notValues: ["foo"])])])
            ],
            request: F.request(from: nil),
            expected: .deny(.explicitDeny(policy: F.apID("foo/not-foo"), rule: 0))
        ),
    ]

    // MARK: - HTTP rules at L7 and their L4 fallback

    /// The reference example's operations: GET /info* or POST /data.
    static let httpAllow = F.policy(
        "foo/httpbin",
        selector: ["app": "httpbin"],
        rules: [
            F.rule(to: [
                F.operation {
                    $0.methods = ["GET"]
                    $0.paths = ["/info*"]
                },
                F.operation {
                    $0.methods = ["POST"]
                    $0.paths = ["/data"]
                },
            ])
        ]
    )
    static let denyPost = F.policy(
        "foo/deny-post",
        .deny,
        rules: [F.rule(from: [F.source { $0.namespaces = ["bar"] }], to: [F.operation { $0.methods = ["POST"] }])]
    )
    static let denyGetWithoutToken = F.policy(
        "foo/deny-method-get",
        .deny,
        rules: [
            F.rule(
                to: [F.operation { $0.methods = ["GET"] }],
                when: [F.when("request.headers[x-token]", notValues: ["admin"])]
            )
        ]
    )

    static let http: [AuthorizationCase] = [
        .init(
            name: "L7: GET /info/x matches the first operation",
            policies: [httpAllow],
            request: F.request(from: F.sleep, http: F.http("GET", "/info/x?verbose=1")),
            expected: .allow(.allowedBy(policy: F.apID("foo/httpbin"), rule: 0))
        ),
        .init(
            name: "L7: POST /data matches the second operation",
            policies: [httpAllow],
            request: F.request(from: F.sleep, http: F.http("POST", "/data")),
            expected: .allow(.allowedBy(policy: F.apID("foo/httpbin"), rule: 0))
        ),
        .init(
            name: "L7: POST /info is neither",
            policies: [httpAllow],
            request: F.request(from: F.sleep, http: F.http("POST", "/info")),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/httpbin")]))
        ),
        .init(
            name: "L4 fallback: an ALLOW rule with HTTP fields never matches a connection",
            policies: [httpAllow],
            request: F.request(from: F.sleep),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/httpbin")]))
        ),
        .init(
            name: "L7: DENY POST from bar denies a POST from bar",
            policies: [denyPost],
            request: F.request(from: F.curl, http: F.http("POST", "/data")),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-post"), rule: 0))
        ),
        .init(
            name: "L7: DENY POST from bar lets a GET from bar through",
            policies: [denyPost],
            request: F.request(from: F.curl, http: F.http("GET", "/data")),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "L4 fallback: DENY POST from bar denies every connection from bar (fails closed)",
            policies: [denyPost],
            request: F.request(from: F.curl),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-post"), rule: 0))
        ),
        .init(
            name: "L4 fallback: DENY POST from bar still needs the L4 part to match",
            policies: [denyPost],
            request: F.request(from: F.sleep),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "L7: GET without x-token: admin is denied",
            policies: [denyGetWithoutToken],
            request: F.request(from: F.sleep, http: F.http("GET", "/ip")),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-method-get"), rule: 0))
        ),
        .init(
            name: "L7: GET with x-token: admin passes (header names are case-insensitive)",
            policies: [denyGetWithoutToken],
            request: F.request(from: F.sleep, http: F.http("GET", "/ip", headers: [("X-Token", "admin")])),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "L7: hosts are compared case-insensitively, port included",
            policies: [F.policy("foo/by-host", rules: [F.rule(to: [F.operation { $0.hosts = ["HTTPBIN.foo:*"] }])])],
            request: F.request(from: F.sleep, http: F.http("GET", "/", host: "httpbin.FOO:8000")),
            expected: .allow(.allowedBy(policy: F.apID("foo/by-host"), rule: 0))
        ),
        .init(
            name: "L7: notPaths excludes /admin*",
            policies: [F.policy("foo/not-admin", rules: [F.rule(to: [F.operation { $0.notPaths = ["/admin*"] }])])],
            request: F.request(from: F.sleep, http: F.http("GET", "/admin/users")),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/not-admin")]))
        ),
        .init(
            name: "L7: request.headers values match at L7 in an ALLOW rule",
            policies: [
                F.policy(
                    "foo/by-header",
                    rules: [F.rule(when: [F.when("request.headers[end-user]", values: ["jason"])])]
                )
            ],
            request: F.request(from: nil, http: F.http("GET", "/", headers: [("end-user", "jason")])),
            expected: .allow(.allowedBy(policy: F.apID("foo/by-header"), rule: 0))
        ),
    ]

    // MARK: - Fields Weft never sees (JWT, forwarded addresses)

    static let unavailable: [AuthorizationCase] = [
        .init(
            name: "ALLOW with requestPrincipals never matches, even at L7",
            policies: [
                F.policy(
                    "foo/jwt",
                    rules: [
                        F.rule(from: [
                            F.source { $0.principals = ["*"] },
                            F.source { $0.requestPrincipals = ["*"] },
                        ])
                    ]
                )
            ],
            request: F.request(from: F.sleep, http: F.http("GET", "/")),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/jwt")]))
        ),
        .init(
            name: "DENY with requestPrincipals ignores them: the rule matches every source",
            policies: [
                F.policy("foo/deny-jwt", .deny, rules: [F.rule(from: [F.source { $0.notRequestPrincipals = ["*"] }])])
            ],
            request: F.request(from: F.sleep, http: F.http("GET", "/")),
            expected: .deny(.explicitDeny(policy: F.apID("foo/deny-jwt"), rule: 0))
        ),
        .init(
            name: "DENY with remoteIpBlocks and a namespace ignores the block but keeps the namespace",
            policies: [
                F.policy(
                    "foo/deny-remote",
                    .deny,
                    rules: [
                        F.rule(from: [
                            F.source {
                                $0.remoteIpBlocks = [F.cidr("192.0.2.0/24")]
                                $0.namespaces = ["bar"]
                            }
                        ])
                    ]
                )
            ],
            request: F.request(from: F.sleep),
            expected: .allow(.noAllowPolicies)
        ),
        .init(
            name: "ALLOW with a request.auth.claims condition never matches",
            policies: [
                F.policy("foo/claims", rules: [F.rule(when: [F.when("request.auth.claims[iss]", values: ["*"])])])
            ],
            request: F.request(from: F.sleep, http: F.http("GET", "/")),
            expected: .deny(.noAllowMatched(allowPolicies: [F.apID("foo/claims")]))
        ),
        .init(
            name: "DENY with a connection.sni condition ignores it",
            policies: [
                F.policy("foo/sni", .deny, rules: [F.rule(when: [F.when("connection.sni", values: ["x.example"])])])
            ],
            request: F.request(from: F.sleep),
            expected: .deny(.explicitDeny(policy: F.apID("foo/sni"), rule: 0))
        ),
    ]

    @Test("allow-nothing, deny-all and allow-all", arguments: Self.basics)
    func basicsTable(_ row: AuthorizationCase) { Self.check(row) }

    @Test("principals, namespaces and service accounts", arguments: Self.identities)
    func identitiesTable(_ row: AuthorizationCase) { Self.check(row) }

    @Test("IP blocks, ports and L4 conditions", arguments: Self.addresses)
    func addressesTable(_ row: AuthorizationCase) { Self.check(row) }

    @Test("HTTP methods, paths, hosts and headers at L7, and the L4 fallback", arguments: Self.http)
    func httpTable(_ row: AuthorizationCase) { Self.check(row) }

    @Test("JWT and forwarded-address fields: ALLOW never matches, DENY ignores them", arguments: Self.unavailable)
    func unavailableTable(_ row: AuthorizationCase) { Self.check(row) }

    static func check(_ row: AuthorizationCase) {
        let evaluator = AuthorizationEvaluator(config: F.config(row.policies))
        let result = evaluator.evaluate(row.request, for: F.httpbin)
        #expect(result.decision == row.expected, "\(row.name): got \(result.decision)")
        #expect(result.dryRunMatches.isEmpty)
    }
}
