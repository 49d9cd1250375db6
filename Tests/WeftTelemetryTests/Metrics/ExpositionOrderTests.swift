import Metrics
import Testing

@testable import WeftTelemetry

@Suite("Exposition order and the swift-metrics bridge")
struct ExpositionOrderTests {
    @Test("Families sort by name, series by labels; a histogram series moves as one block")
    func stableOrder() {
        let emitted = """
            # TYPE zeta counter
            zeta{a="2"} 1
            zeta{a="1"} 2
            # HELP alpha Help text
            # TYPE alpha histogram
            alpha_bucket{k="b",le="1.0"} 1
            alpha_bucket{k="b",le="+Inf"} 1
            alpha_sum{k="b"} 1.0
            alpha_count{k="b"} 1
            alpha_bucket{k="a",le="1.0"} 0
            alpha_bucket{k="a",le="+Inf"} 2
            alpha_sum{k="a"} 9.0
            alpha_count{k="a"} 2
            # TYPE mid gauge
            mid 3.0

            """
        #expect(
            PrometheusExposition.stablyOrdered(emitted) == """
                # HELP alpha Help text
                # TYPE alpha histogram
                alpha_bucket{k="a",le="1.0"} 0
                alpha_bucket{k="a",le="+Inf"} 2
                alpha_sum{k="a"} 9.0
                alpha_count{k="a"} 2
                alpha_bucket{k="b",le="1.0"} 1
                alpha_bucket{k="b",le="+Inf"} 1
                alpha_sum{k="b"} 1.0
                alpha_count{k="b"} 1
                # TYPE mid gauge
                mid 3.0
                # TYPE zeta counter
                zeta{a="1"} 2
                zeta{a="2"} 1

                """
        )
    }

    @Test("Series order does not depend on values, and label values may hold spaces")
    func keysIgnoreValues() {
        let emitted = "# TYPE c counter\nc{x=\"b c\"} 1\nc{x=\"a b\"} 20\n"
        #expect(PrometheusExposition.stablyOrdered(emitted) == "# TYPE c counter\nc{x=\"a b\"} 20\nc{x=\"b c\"} 1\n")
        #expect(PrometheusExposition.stablyOrdered("") == "")
    }

    @Test("swift-metrics handles made with the explicit factory land in the same registry")
    func swiftMetricsFactory() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        let reloads = Counter(
            label: "weft_config_reloads_total",
            dimensions: [("result", "ok")],
            factory: metrics.metricsFactory
        )
        reloads.increment(by: 3)
        let enrolled = Gauge(label: "weft_enrolled_workloads", factory: metrics.metricsFactory)
        enrolled.record(2)
        let text = try PrometheusText(parsing: metrics.exposition())
        #expect(
            text.samples(named: "weft_config_reloads_total").map(\.description) == [
                "weft_config_reloads_total[result=ok] 3"
            ]
        )
        #expect(text.samples(named: "weft_enrolled_workloads").map(\.value) == ["2.0"])
    }
}
