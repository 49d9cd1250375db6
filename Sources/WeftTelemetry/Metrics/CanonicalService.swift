/// Istio's canonical service of a workload: the name and revision dashboards group workloads by.
///
/// The rule is Istio's `pkg/kube/labels.CanonicalService`: the name is the first label present among
/// `service.istio.io/canonical-name`, `app.kubernetes.io/name` and `app`, else the workload's name; the revision
/// is the first present among `service.istio.io/canonical-revision`, `app.kubernetes.io/version` and `version`,
/// else `latest`. A label that is present but empty still wins, as in Istio (it then renders as `unknown`).
package struct CanonicalService: Hashable, Sendable {
    package var name: String
    package var revision: String

    /// Label keys consulted for the name, in priority order.
    package static let nameLabels = ["service.istio.io/canonical-name", "app.kubernetes.io/name", "app"]
    /// Label keys consulted for the revision, in priority order.
    package static let revisionLabels = [
        "service.istio.io/canonical-revision", "app.kubernetes.io/version", "version",
    ]
    /// The revision of a workload that carries none of ``revisionLabels``.
    package static let defaultRevision = "latest"

    package init(name: String, revision: String) {
        self.name = name
        self.revision = revision
    }

    /// Applies Istio's rule to a workload's labels.
    package init(labels: [String: String], workloadName: String) {
        self.name = Self.nameLabels.lazy.compactMap { labels[$0] }.first ?? workloadName
        self.revision = Self.revisionLabels.lazy.compactMap { labels[$0] }.first ?? Self.defaultRevision
    }
}
