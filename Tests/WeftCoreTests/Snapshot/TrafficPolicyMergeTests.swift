import Testing
import WeftCore

@Suite("Traffic policies merge as Istio's MergeTrafficPolicy")
struct TrafficPolicyMergeTests {
    func policy(
        _ simple: LoadBalancerSettings.Simple? = nil,
        maxConnections: Int? = nil,
        ejection: Int? = nil
    ) -> TrafficPolicy {
        var policy = TrafficPolicy()
        policy.loadBalancer = simple.map(Fixture.loadBalancer)
        if let maxConnections {
            var pool = ConnectionPoolSettings()
            pool.tcp = .init()
            pool.tcp?.maxConnections = maxConnections
            policy.connectionPool = pool
        }
        if let ejection {
            var outlier = OutlierDetection()
            outlier.maxEjectionPercent = ejection
            policy.outlierDetection = outlier
        }
        return policy
    }

    func portLevel(_ port: Int, _ simple: LoadBalancerSettings.Simple) -> PortTrafficPolicy {
        var settings = PortTrafficPolicy()
        settings.port = port
        settings.loadBalancer = Fixture.loadBalancer(simple)
        return settings
    }

    @Test("No rule: Istio's defaults (LEAST_REQUEST implied by an unset load balancer)")
    func defaults() {
        let resolved = ResolvedTrafficPolicy(rule: nil, subset: nil, port: 80)
        #expect(resolved == .defaults)
        #expect(resolved.loadBalancer.policy == nil)
        #expect(!resolved.usesConsistentHash)
    }

    @Test("A subset replaces whole field groups it sets and inherits the others")
    func subsetOverridesGroups() {
        let top = self.policy(.roundRobin, maxConnections: 100, ejection: 20)
        let subset = self.policy(.random)
        let resolved = ResolvedTrafficPolicy(rule: top, subset: subset, port: 80)
        #expect(resolved.loadBalancer.policy == .simple(.random))
        #expect(resolved.connectionPool?.tcp?.maxConnections == 100)
        #expect(resolved.outlierDetection?.maxEjectionPercent == 20)
    }

    @Test("Matching port-level settings replace all four groups, even with unset ones; other ports are untouched")
    func portLevel() {
        var top = self.policy(.roundRobin, maxConnections: 100)
        top.portLevelSettings = [self.portLevel(9080, .random)]
        let onPort = ResolvedTrafficPolicy(rule: top, subset: nil, port: 9080)
        #expect(onPort.loadBalancer.policy == .simple(.random))
        #expect(onPort.connectionPool == nil)
        let otherPort = ResolvedTrafficPolicy(rule: top, subset: nil, port: 9081)
        #expect(otherPort.loadBalancer.policy == .simple(.roundRobin))
        #expect(otherPort.connectionPool?.tcp?.maxConnections == 100)
    }

    @Test("Order: top level, its port level, subset, the subset's port level")
    func order() {
        var top = self.policy(.roundRobin)
        top.portLevelSettings = [self.portLevel(9080, .random)]
        var subset = self.policy(maxConnections: 7)
        #expect(ResolvedTrafficPolicy(rule: top, subset: subset, port: 9080).loadBalancer.policy == .simple(.random))
        #expect(ResolvedTrafficPolicy(rule: top, subset: subset, port: 9080).connectionPool?.tcp?.maxConnections == 7)
        subset.portLevelSettings = [self.portLevel(9080, .passthrough)]
        let resolved = ResolvedTrafficPolicy(rule: top, subset: subset, port: 9080)
        #expect(resolved.loadBalancer.policy == .simple(.passthrough))
        #expect(resolved.connectionPool == nil)
    }

    @Test("A consistent-hash balancer is recognised (it changes the retry host predicate)")
    func consistentHash() {
        var policy = TrafficPolicy()
        var balancer = LoadBalancerSettings()
        balancer.policy = .consistentHash(ConsistentHash())
        policy.loadBalancer = balancer
        #expect(ResolvedTrafficPolicy(rule: policy, subset: nil, port: 1).usesConsistentHash)
    }
}
