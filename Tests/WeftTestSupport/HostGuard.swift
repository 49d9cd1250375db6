import Foundation
import Synchronization
import WeftNetfilter

/// A table in the HOST namespace that drops and counts every packet to the test ranges 10.248.0.0/16 and
/// fd00:248::/32. Test topologies use only those ranges inside namespaces the tests create, so the counter stays
/// at zero unless a socket was created in the wrong namespace and reached the host's network: then the packet
/// is dropped here and the test that checks the guard fails.
package enum HostGuard {
    /// `weft-test-PID-guard`, one per test process.
    package static let tableName = "\(TestEnvironment.processPrefix)guard"

    private static let installed = Mutex(false)

    /// Installs the guard once per process (after sweeping leftovers of dead runs).
    package static func install() throws {
        try Self.installed.withLock { done in
            guard !done else { return }
            StaleSweep.run()
            var chains = ""
            for (name, hook) in [("output", "output"), ("prerouting", "prerouting"), ("forward", "forward")] {
                chains += """
                      chain \(name) {
                        type filter hook \(hook) priority -500; policy accept;
                        ip daddr 10.248.0.0/16 counter drop
                        ip6 daddr fd00:248::/32 counter drop
                      }

                    """
            }
            let script = "table inet \(Self.tableName) {\n\(chains)}\n"
            try Command.run(["nft", "-f", "-"], input: script)
            // Removed when the test process exits normally (over netlink: no child processes at exit time); a
            // crashed run's guard is swept by the next run.
            atexit { HostGuard.uninstall() }
            done = true
        }
    }

    /// Packets the guard has dropped since it was installed.
    package static func droppedPackets() throws -> Int {
        let json = try Command.run(["nft", "-j", "list", "table", "inet", Self.tableName])
        return NftJSON.counterPackets(in: json)
    }

    /// Removes the guard table.
    package static func uninstall() {
        var batch = NftBatch(firstSequence: 1)
        batch.removeTable(Self.tableName)
        batch.finish()
        try? Interceptor(namespace: nil).commit(batch)
    }
}
