import CMnl
import WeftSystem

#if canImport(Glibc)
import Glibc
#endif

/// Applies, verifies and removes ``InterceptionPlan``s in one network namespace, over netlink only (no `nft`,
/// `iptables` or `ip` processes).
///
/// - ``apply(_:)`` sends the plan's tables as one nftables transaction (all or nothing; re-applying replaces,
///   never duplicates), then the policy routing (idempotent).
/// - ``verify(_:)`` reads the owned tables and routing back and compares them with the plan (``DriftReport``).
/// - ``reconcile(_:)`` verifies and applies only if something drifted.
/// - ``remove(_:)`` deletes every table the plan owns and its routing, and nothing else.
///
/// Each call opens its netlink sockets inside the namespace and returns the thread at once, so it may run on any
/// thread; it blocks for the kernel's replies (milliseconds), so the agent calls it off its event loops.
package struct Interceptor: Sendable {
    /// nil for the agent's own namespace (host mode).
    package let namespace: NetworkNamespace?

    package init(namespace: NetworkNamespace?) {
        self.namespace = namespace
    }

    private var place: String { self.namespace?.path ?? "the host namespace" }

    /// Makes the kernel hold exactly `plan`.
    package func apply(_ plan: InterceptionPlan) throws(InterceptionError) {
        do {
            let socket = try NetlinkSocket(bus: NETLINK_NETFILTER, in: self.namespace)
            try socket.commit(NftBatch.applying(plan, firstSequence: socket.sequence()))
        } catch {
            throw InterceptionError(step: .applyRules, namespace: self.place, cause: error)
        }
        guard let routing = plan.routing else { return }
        do {
            let socket = try NetlinkSocket(bus: NETLINK_ROUTE, in: self.namespace)
            try PolicyRoutingNetlink.install(routing, on: socket)
        } catch {
            throw InterceptionError(step: .applyRouting, namespace: self.place, cause: error)
        }
    }

    /// Sends a prepared batch as one transaction (for callers that build their own, such as tests of atomicity).
    package func commit(_ batch: NftBatch) throws(InterceptionError) {
        do {
            let socket = try NetlinkSocket(bus: NETLINK_NETFILTER, in: self.namespace)
            try socket.commit(batch)
        } catch {
            throw InterceptionError(step: .applyRules, namespace: self.place, cause: error)
        }
    }

    /// What the kernel holds of the tables and routing `plan` owns.
    package func installed(_ plan: InterceptionPlan) throws(InterceptionError) -> InstalledRuleset {
        do {
            let socket = try NetlinkSocket(bus: NETLINK_NETFILTER, in: self.namespace)
            var ruleset = InstalledRuleset(tables: try Self.consistentTables(plan.ownedTableNames, on: socket))
            if let routing = plan.routing {
                let routeSocket = try NetlinkSocket(bus: NETLINK_ROUTE, in: self.namespace)
                let installed = try PolicyRoutingNetlink.installed(routing, on: routeSocket)
                ruleset.policyRules = installed.rules
                ruleset.localRoutes = installed.routes
            }
            return ruleset
        } catch {
            throw InterceptionError(step: .readBack, namespace: self.place, cause: error)
        }
    }

    /// Reads the tables, retrying (at most 3 times) while another transaction changes the ruleset mid-read.
    private static func consistentTables(
        _ names: [String],
        on socket: NetlinkSocket
    ) throws(NetlinkError)
        -> [InstalledTable]
    {
        var attempt = 0
        while true {
            attempt += 1
            do throws(NetlinkError) {
                let before = try NetfilterReadBack.generation(on: socket)
                let tables = try NetfilterReadBack.tables(named: names, on: socket)
                if try NetfilterReadBack.generation(on: socket) == before { return tables }
                if attempt >= 3 {
                    throw NetlinkError.kernel(
                        errno: EAGAIN,
                        message: "the ruleset kept changing during read-back",
                        detail: nil
                    )
                }
            } catch {
                guard case .kernel(let code, _, _) = error, code == EINTR, attempt < 3 else { throw error }
            }
        }
    }

    /// Compares the kernel's state with `plan`.
    package func verify(_ plan: InterceptionPlan) throws(InterceptionError) -> DriftReport {
        DriftReport(plan: plan, installed: try self.installed(plan))
    }

    /// Makes the kernel hold `plan` at the least cost: reads the owned state back and applies only if it differs.
    /// Returns the drift that was found (and repaired); empty when nothing had to change. This is the agent's path
    /// for re-enrolling after a restart and for periodic drift repair: any nftables transaction that changes rules
    /// costs milliseconds of kernel time (an RCU grace period), a read-back about one.
    @discardableResult
    package func reconcile(_ plan: InterceptionPlan) throws(InterceptionError) -> DriftReport {
        let report = try self.verify(plan)
        if !report.isClean { try self.apply(plan) }
        return report
    }

    /// Deletes every table `plan` owns (present or not) and its policy routing.
    package func remove(_ plan: InterceptionPlan) throws(InterceptionError) {
        do {
            let socket = try NetlinkSocket(bus: NETLINK_NETFILTER, in: self.namespace)
            try socket.commit(NftBatch.removing(plan, firstSequence: socket.sequence()))
        } catch {
            throw InterceptionError(step: .removeRules, namespace: self.place, cause: error)
        }
        guard let routing = plan.routing else { return }
        do {
            let socket = try NetlinkSocket(bus: NETLINK_ROUTE, in: self.namespace)
            try PolicyRoutingNetlink.remove(routing, on: socket)
        } catch {
            throw InterceptionError(step: .removeRouting, namespace: self.place, cause: error)
        }
    }
}
