/// One compiled AuthorizationPolicy rule: any `from` entry AND any `to` entry AND every `when` condition
/// (an absent list matches everything; `rules: [{}]` matches every connection).
///
/// Fields Weft cannot check follow Istio's ztunnel conversion, failing closed (ztunnel.md §5.2, architecture §6):
/// - in an ALLOW policy, a rule that uses a field Weft never sees (JWT, forwarded addresses, SNI) never matches,
///   and a rule with HTTP fields (methods, paths, hosts, headers) never matches a connection whose requests are not
///   inspected;
/// - in a DENY policy, such fields are ignored, so the rule matches more than written.
/// When the request is inspected, HTTP fields are checked for real in both.
struct RuleMatcher: Hashable, Sendable {
    var sources: [SourceMatcher]
    var operations: [OperationMatcher]
    var conditions: [ConditionMatcher]
    /// Whether some field needs the HTTP request.
    var usesRequestAttributes: Bool
    /// Whether some field can never be checked by Weft.
    var usesUnavailableAttributes: Bool

    init(_ rule: AuthorizationPolicy.Rule, policyNamespace: String) {
        self.sources = rule.from.map { SourceMatcher($0, policyNamespace: policyNamespace) }
        self.operations = rule.to.map(OperationMatcher.init)
        self.conditions = rule.when.compactMap(ConditionMatcher.init)
        self.usesRequestAttributes =
            self.operations.contains(where: \.usesRequestAttributes)
            || self.conditions.contains { $0.attribute.layer == .request }
        self.usesUnavailableAttributes =
            self.sources.contains { !$0.unavailableFields.isEmpty }
            || self.conditions.contains { $0.attribute.layer == .unavailable }
    }

    /// Whether the rule matches, for a policy with `action` (which decides how unknown fields count).
    func matches(_ request: AuthorizationRequest, action: AuthorizationPolicy.Action) -> Bool {
        let unknownAs: Bool
        switch action {
        case .deny:
            unknownAs = true
        case .allow, .audit, .custom:
            if self.usesUnavailableAttributes { return false }
            if self.usesRequestAttributes && request.http == nil { return false }
            unknownAs = false
        }
        if !self.sources.isEmpty && !self.sources.contains(where: { $0.matches(request, unknownAs: unknownAs) }) {
            return false
        }
        if !self.operations.isEmpty
            && !self.operations.contains(where: { $0.matches(request, unknownAs: unknownAs) })
        {
            return false
        }
        return self.conditions.allSatisfy { $0.matches(request, unknownAs: unknownAs) }
    }
}
