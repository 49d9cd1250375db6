import Testing
import WeftTelemetry

@Suite("Canonical service rules and service labels")
struct CanonicalServiceTests {
    @Test(
        "Name and revision follow Istio's label priority, then the workload name and latest",
        arguments: [
            ([:], "reviews-v1", "latest"),
            (["app": "reviews", "version": "v1"], "reviews", "v1"),
            (["app.kubernetes.io/name": "ratings", "app": "reviews"], "ratings", "latest"),
            (["app.kubernetes.io/version": "2.1", "version": "v1"], "reviews-v1", "2.1"),
            (
                [
                    "service.istio.io/canonical-name": "canon", "service.istio.io/canonical-revision": "r7",
                    "app.kubernetes.io/name": "ratings", "app": "reviews", "version": "v1",
                ], "canon", "r7"
            ),
            // A present but empty label still wins, as in Istio.
            (["app": "", "version": ""], "", ""),
        ] as [([String: String], String, String)]
    )
    func canonical(labels: [String: String], name: String, revision: String) {
        let canonical = CanonicalService(labels: labels, workloadName: "reviews-v1")
        #expect(canonical == CanonicalService(name: name, revision: revision))
    }

    @Test("A known workload's app and version are its canonical name and revision (ztunnel)")
    func workloadAppVersion() {
        let workload = WorkloadLabels(
            workloadName: "productpage-v1",
            namespace: "bookinfo",
            identity: nil,
            labels: ["app": "productpage", "version": "v1"],
            cluster: "Kubernetes"
        )
        #expect(
            workload
                == WorkloadLabels(
                    workload: "productpage-v1",
                    namespace: "bookinfo",
                    principal: nil,
                    canonicalService: "productpage",
                    canonicalRevision: "v1",
                    app: "productpage",
                    version: "v1",
                    cluster: "Kubernetes"
                )
        )
    }

    @Test(
        "Service labels from a host name",
        arguments: [
            ("reviews.bookinfo.svc.cluster.local", nil, "reviews", "bookinfo"),
            ("reviews.bookinfo.svc.mesh.example", nil, "reviews", "bookinfo"),
            ("api.example.com", "default", "api", "default"),
            ("db", nil, "db", ""),
        ] as [(String, String?, String, String)]
    )
    func serviceLabels(hostname: String, fallback: String?, name: String, namespace: String) {
        let labels = ServiceLabels(hostname: hostname, fallbackNamespace: fallback)
        #expect(labels == ServiceLabels(hostname: hostname, name: name, namespace: namespace))
    }
}
