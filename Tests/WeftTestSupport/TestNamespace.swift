import Foundation
import Synchronization
import WeftSystem

/// A network namespace the test created (`ip netns add weft-test-PID-N-ROLE`) with `lo` up, and a handle on it.
package final class TestNamespace: Sendable {
    package let name: String
    package let handle: NetworkNamespace

    private static let counter = Mutex(0)

    /// A fresh unique number for names and subnets in this process.
    package static func nextNumber() -> Int {
        Self.counter.withLock { value in
            value += 1
            return value
        }
    }

    /// Creates the namespace and brings `lo` up (a new namespace starts with it down).
    package init(role: String, number: Int) throws {
        let name = "\(TestEnvironment.processPrefix)\(number)-\(role)"
        try Command.run(["ip", "netns", "add", name])
        do {
            try Command.run(["ip", "-n", name, "link", "set", "lo", "up"])
            self.handle = try NetworkNamespace(named: name)
        } catch {
            _ = try? Command.status(["ip", "netns", "del", name])
            throw error
        }
        self.name = name
    }

    /// Deletes the namespace; its interfaces (and the veth peers) go with it.
    package func destroy() {
        _ = try? Command.status(["ip", "netns", "del", self.name])
    }

    /// `ip -n NAME ARGS…`
    @discardableResult
    package func ip(_ arguments: String...) throws -> String {
        try Command.run(["ip", "-n", self.name] + arguments)
    }

    /// Runs a program inside the namespace (network only; the mount namespace stays the host's, so cgroup paths
    /// under /sys stay visible).
    @discardableResult
    package func exec(_ arguments: [String], input: String? = nil, timeout: Duration = .seconds(20)) throws -> String {
        try Command.run(
            ["nsenter", "--net=/var/run/netns/\(self.name)", "--"] + arguments,
            input: input,
            timeout: timeout
        )
    }

    /// `nft -j list ruleset` inside the namespace.
    package func nftJSON() throws -> String {
        try self.exec(["nft", "-j", "list", "ruleset"])
    }

    /// Everything a Weft apply/remove could touch in this namespace, as text: the nftables ruleset (counter values
    /// left out, since traffic moves them), the policy rules and every routing table, for both families.
    package func networkState() throws -> String {
        [
            try self.exec(["nft", "list", "ruleset"]).replacing(/counter packets \d+ bytes \d+/, with: "counter"),
            try self.ip("-4", "rule", "show"),
            try self.ip("-6", "rule", "show"),
            try self.ip("-4", "route", "show", "table", "all"),
            try self.ip("-6", "route", "show", "table", "all"),
        ].joined(separator: "\n--\n")
    }
}
