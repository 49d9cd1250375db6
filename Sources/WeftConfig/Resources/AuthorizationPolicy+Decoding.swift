import WeftCore

extension AuthorizationPolicy {
    /// Decodes and validates a `security.istio.io` AuthorizationPolicy spec with Istio's webhook rules
    /// (ztunnel.md §7.3): DENY needs rules, `from` / `to` lists and their entries must not be empty, `when` keys are
    /// known attributes with values. Fields Weft cannot check (JWT, forwarded addresses) are accepted with a warning
    /// that says how the rule then behaves (ztunnel.md §5.2).
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        let context = spec.context
        self.dryRun = AuthorizationPolicyValues.dryRun(metadata.annotations, context: context)
        if let selector = spec.object("selector", { SelectorDecoding.workloadSelector($0) }) {
            self.selector = selector
            if selector.matchLabels.isEmpty {
                spec.warning(
                    "selector",
                    "selector has no matchLabels: the policy applies to every workload in its namespace",
                    code: .invalidValue
                )
            }
        }
        for key in ["targetRef", "targetRefs"] {
            spec.unsupported(
                key,
                "targetRef (waypoint policy) is not supported: Weft enforces policies at the destination agent; use selector"
            )
        }
        if let action = spec.enumValue("action", as: Action.self) {
            switch action {
            case .allow, .deny:
                self.action = action
            case .audit:
                spec.error(
                    "action",
                    "AUDIT is not supported: ztunnel rejects it too (Weft enforces ALLOW and DENY)",
                    code: .unsupported
                )
            case .custom:
                spec.error(
                    "action",
                    "CUSTOM (external authorization) is not supported: ztunnel rejects it too (Weft enforces ALLOW and DENY)",
                    code: .unsupported
                )
            }
        }
        spec.unsupported(
            "provider",
            "provider (external authorization for the CUSTOM action) is not supported: ztunnel rejects it too"
        )
        let action = self.action
        let written = AuthorizationPolicyValues.count(spec, "rules")
        self.rules = spec.list("rules") { value, path in
            guard let reader = AuthorizationPolicyValues.entry(value, at: path, context: context, what: "a rule")
            else { return nil }
            defer { reader.finish() }
            return Rule(decoding: reader, action: action)
        }
        if self.action == .deny, (written ?? 0) == 0 {
            spec.context.error(
                written == nil ? .missingField : .invalidValue,
                at: spec.field("rules"),
                "a DENY policy needs rules: without them it never matches (write `rules: [{}]` to deny every request)"
            )
        }
    }
}

extension AuthorizationPolicy.Rule {
    /// One `rules[]` entry. `{}` matches every request.
    init(decoding rule: FieldReader, action: AuthorizationPolicy.Action) {
        self.init()
        let context = rule.context
        self.from =
            AuthorizationPolicyValues.entries(rule, "from", inner: "source", what: "sources") { source in
                AuthorizationPolicy.Source(decoding: source, action: action)
            } ?? []
        self.to =
            AuthorizationPolicyValues.entries(rule, "to", inner: "operation", what: "operations") { operation in
                AuthorizationPolicy.Operation(decoding: operation)
            } ?? []
        if AuthorizationPolicyValues.count(rule, "when") == 0 {
            rule.error("when", "must not be empty (leave it out to add no condition)")
        }
        self.when =
            rule.list("when") { value, path in
                guard
                    let reader = AuthorizationPolicyValues.entry(value, at: path, context: context, what: "a condition")
                else { return nil }
                defer { reader.finish() }
                return AuthorizationPolicy.Condition(decoding: reader, action: action)
            } ?? []
        self.warnIfDenyTestsHTTPOnly(rule, action: action)
    }

    /// Istio warns when a DENY rule tests HTTP attributes without naming ports: traffic Weft cannot read as HTTP
    /// is then denied by the rule whatever its requests would have been.
    private func warnIfDenyTestsHTTPOnly(_ rule: FieldReader, action: AuthorizationPolicy.Action) {
        guard action == .deny else { return }
        var fields: [String] = []
        for operation in self.to {
            let named: [(String, [String])] = [
                ("hosts", operation.hosts), ("notHosts", operation.notHosts), ("methods", operation.methods),
                ("notMethods", operation.notMethods), ("paths", operation.paths), ("notPaths", operation.notPaths),
            ]
            for (name, values) in named where !values.isEmpty && !fields.contains(name) { fields.append(name) }
        }
        for condition in self.when {
            if case .requestHeader? = try? AuthorizationAttribute(parsing: condition.key),
                !fields.contains(condition.key)
            {
                fields.append(condition.key)
            }
        }
        let namesPorts = self.to.contains { !$0.ports.isEmpty || !$0.notPorts.isEmpty }
        guard !fields.isEmpty, !namesPorts else { return }
        rule.context.warning(
            .unsupported,
            at: rule.path,
            "this DENY rule tests HTTP attributes (\(fields.joined(separator: ", "))): connections Weft does not read as HTTP are denied by it whatever they carry (fails closed); list the HTTP ports in to.operation.ports to leave other ports alone"
        )
    }
}

extension AuthorizationPolicy.Source {
    /// One `from[].source`: at least one field must be set.
    init(decoding source: FieldReader, action: AuthorizationPolicy.Action) {
        self.init()
        let values = AuthorizationPolicyValues.self
        self.principals = values.patterns(source, "principals")
        self.notPrincipals = values.patterns(source, "notPrincipals")
        self.requestPrincipals = values.patterns(source, "requestPrincipals")
        self.notRequestPrincipals = values.patterns(source, "notRequestPrincipals")
        self.namespaces = values.patterns(source, "namespaces")
        self.notNamespaces = values.patterns(source, "notNamespaces")
        self.serviceAccounts = values.serviceAccounts(source, "serviceAccounts")
        self.notServiceAccounts = values.serviceAccounts(source, "notServiceAccounts")
        self.ipBlocks = values.blocks(source, "ipBlocks")
        self.notIpBlocks = values.blocks(source, "notIpBlocks")
        self.remoteIpBlocks = values.blocks(source, "remoteIpBlocks")
        self.notRemoteIpBlocks = values.blocks(source, "notRemoteIpBlocks")
        for key in ["trustDomains", "notTrustDomains"] {
            source.unsupported(
                key,
                "\(key) is not supported yet: match the trust domain in principals (\"cluster.local/*\")"
            )
        }
        values.requireSomeField(source, of: Self.fieldNames, what: "source")
        let usesAccounts = !self.serviceAccounts.isEmpty || !self.notServiceAccounts.isEmpty
        let usesIdentity =
            !self.principals.isEmpty || !self.notPrincipals.isEmpty || !self.namespaces.isEmpty
            || !self.notNamespaces.isEmpty
        if usesAccounts && usesIdentity {
            source.context.error(
                .invalidValue,
                at: source.path,
                "serviceAccounts cannot be combined with principals or namespaces (Istio rejects it)"
            )
        }
        for (key, list) in [("principals", self.principals), ("notPrincipals", self.notPrincipals)] {
            if list.contains(where: { $0.hasPrefix("spiffe://") }) {
                source.warning(
                    key,
                    "principals are written without spiffe:// (\"cluster.local/ns/NAMESPACE/sa/ACCOUNT\"): a value with it never matches",
                    code: .invalidValue
                )
            }
        }
        let unavailable = [
            ("requestPrincipals", self.requestPrincipals.isEmpty),
            ("notRequestPrincipals", self.notRequestPrincipals.isEmpty),
            ("remoteIpBlocks", self.remoteIpBlocks.isEmpty), ("notRemoteIpBlocks", self.notRemoteIpBlocks.isEmpty),
        ]
        for (key, isEmpty) in unavailable where !isEmpty {
            let reason =
                key.hasSuffix("equestPrincipals")
                ? "needs JWT authentication (RequestAuthentication), which Weft does not do"
                : "needs the original client address from X-Forwarded-For or the PROXY protocol, which Weft does not track"
            source.warning(key, "\(key) \(reason): \(values.consequence(of: action))", code: .unsupported)
        }
    }

    static let fieldNames = [
        "principals", "notPrincipals", "requestPrincipals", "notRequestPrincipals", "namespaces", "notNamespaces",
        "serviceAccounts", "notServiceAccounts", "ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks",
    ]
}

extension AuthorizationPolicy.Operation {
    /// One `to[].operation`: at least one field must be set.
    init(decoding operation: FieldReader) {
        self.init()
        let values = AuthorizationPolicyValues.self
        self.hosts = values.patterns(operation, "hosts")
        self.notHosts = values.patterns(operation, "notHosts")
        self.ports = values.ports(operation, "ports")
        self.notPorts = values.ports(operation, "notPorts")
        self.methods = values.patterns(operation, "methods")
        self.notMethods = values.patterns(operation, "notMethods")
        self.paths = values.paths(operation, "paths")
        self.notPaths = values.paths(operation, "notPaths")
        values.requireSomeField(operation, of: Self.fieldNames, what: "operation")
    }

    static let fieldNames = ["hosts", "notHosts", "ports", "notPorts", "methods", "notMethods", "paths", "notPaths"]
}

extension AuthorizationPolicy.Condition {
    /// One `when[]` entry: a known attribute with `values` or `notValues` in that attribute's syntax.
    init(decoding condition: FieldReader, action: AuthorizationPolicy.Action) {
        self.init()
        let values = AuthorizationPolicyValues.self
        let key = condition.string("key", required: true)
        let written = values.conditionValues(condition, "values")
        let writtenNot = values.conditionValues(condition, "notValues")
        self.values = written.values
        self.notValues = writtenNot.values
        guard let key else { return }
        self.key = key
        guard !key.isEmpty else {
            condition.error("key", "must not be empty")
            return
        }
        let attribute: AuthorizationAttribute
        do {
            attribute = try AuthorizationAttribute(parsing: key)
        } catch {
            condition.error("key", error.description)
            return
        }
        if self.values.isEmpty && self.notValues.isEmpty {
            condition.context.error(.missingField, at: condition.path, "needs values or notValues for \(key)")
        }
        written.check(attribute.valueSyntax)
        writtenNot.check(attribute.valueSyntax)
        if let reason = attribute.unavailableBecause {
            condition.warning("key", "\(key) \(reason): \(values.consequence(of: action))", code: .unsupported)
        }
    }
}
