/// The outcome of one authorization check: the enforced decision plus what dry-run policies would have done.
package struct AuthorizationResult: Hashable, Sendable {
    package var decision: AuthorizationDecision
    /// Dry-run policies (`istio.io/dry-run: "true"`) whose rules matched, in evaluation order. They are reported so
    /// an operator can see their effect before enforcing them; they never change `decision`.
    package var dryRunMatches: [DryRunMatch]

    package init(decision: AuthorizationDecision, dryRunMatches: [DryRunMatch] = []) {
        self.decision = decision
        self.dryRunMatches = dryRunMatches
    }

    /// A dry-run policy whose rule matched.
    package struct DryRunMatch: Hashable, Sendable, CustomStringConvertible {
        package var policy: ResourceID
        package var action: AuthorizationPolicy.Action
        /// Index into the policy's `spec.rules`.
        package var rule: Int

        package init(policy: ResourceID, action: AuthorizationPolicy.Action, rule: Int) {
            self.policy = policy
            self.action = action
            self.rule = rule
        }

        package var description: String {
            "dry-run \(self.action.rawValue) \(self.policy) (rules[\(self.rule)]) matched"
        }
    }
}
