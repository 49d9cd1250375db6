/// Why applying, verifying or removing interception failed, and where.
package struct InterceptionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The step that failed.
    package enum Step: String, Hashable, Sendable {
        case applyRules = "install the capture rules"
        case applyRouting = "install the policy routing"
        case readBack = "read the rules back"
        case removeRules = "remove the capture rules"
        case removeRouting = "remove the policy routing"
    }

    package var step: Step
    /// The namespace path, or "host".
    package var namespace: String
    package var cause: NetlinkError

    package init(step: Step, namespace: String, cause: NetlinkError) {
        self.step = step
        self.namespace = namespace
        self.cause = cause
    }

    package var description: String { "cannot \(self.step.rawValue) in \(self.namespace): \(self.cause)" }
}
