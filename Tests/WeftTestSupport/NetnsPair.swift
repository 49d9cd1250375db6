import Foundation
import WeftSystem

/// Two namespaces joined by a veth pair: the *workload* (where the capture rules go) and a *peer* (clients and
/// servers outside the workload). Addresses come only from the test ranges:
///
///     workload eth0  10.248.N.1/24  fd00:248:0:N::1/64   default via the peer
///     peer     eth0  10.248.N.2/24  fd00:248:0:N::2/64   default via the workload
///
/// Use ``withNetnsPair(_:)``, which removes both namespaces on every path and checks the host guard.
package final class NetnsPair: Sendable {
    package let subnet: Int
    package let workload: TestNamespace
    package let peer: TestNamespace

    package var workloadV4: String { "10.248.\(self.subnet).1" }
    package var peerV4: String { "10.248.\(self.subnet).2" }
    package var workloadV6: String { "fd00:248:0:\(self.subnet)::1" }
    package var peerV6: String { "fd00:248:0:\(self.subnet)::2" }

    package init() throws {
        let number = TestNamespace.nextNumber()
        self.subnet = (number - 1) % 250 + 1
        let workload = try TestNamespace(role: "w", number: number)
        let peer: TestNamespace
        do {
            peer = try TestNamespace(role: "p", number: number)
        } catch {
            workload.destroy()
            throw error
        }
        self.workload = workload
        self.peer = peer
        do {
            // No duplicate address detection: addresses (the link-local one too) are usable at once, and the
            // namespace's routes stop changing as soon as setup ends, so before/after comparisons are stable.
            for namespace in [workload, peer] {
                try namespace.exec([
                    "sh", "-c",
                    "echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad",
                ])
            }
            try workload.ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", peer.name)
            for (namespace, own, other) in [(workload, 1, 2), (peer, 2, 1)] {
                try namespace.ip("addr", "add", "10.248.\(self.subnet).\(own)/24", "dev", "eth0")
                try namespace.ip("-6", "addr", "add", "fd00:248:0:\(self.subnet)::\(own)/64", "dev", "eth0", "nodad")
                try namespace.ip("link", "set", "eth0", "up")
                try namespace.ip("route", "add", "default", "via", "10.248.\(self.subnet).\(other)")
                try namespace.ip("-6", "route", "add", "default", "via", "fd00:248:0:\(self.subnet)::\(other)")
            }
            for namespace in [workload, peer] {
                let settled = Waiting.poll(timeout: .seconds(5)) {
                    let routes = (try? namespace.ip("-6", "route", "show", "table", "local")) ?? ""
                    return routes.contains("local fe80::")
                }
                guard settled else { throw SetupFailure(text: "\(namespace.name): eth0 has no link-local address") }
            }
        } catch {
            self.destroy()
            throw error
        }
    }

    package func destroy() {
        self.workload.destroy()
        self.peer.destroy()
    }
}

/// A fixture could not be built.
package struct SetupFailure: Error, CustomStringConvertible {
    package var text: String
    package var description: String { self.text }
}

/// The host guard counted packets to the test ranges in the host namespace.
package struct HostGuardTripped: Error, CustomStringConvertible {
    package var packets: Int
    package var description: String {
        "\(self.packets) packet(s) to 10.248.0.0/16 or fd00:248::/32 reached the HOST namespace: a socket was "
            + "created in the wrong namespace"
    }
}

/// Runs `body` with a fresh ``NetnsPair``; deletes it afterwards whatever happens, then fails if the host guard
/// dropped anything.
package func withNetnsPair<Result>(_ body: (NetnsPair) async throws -> Result) async throws -> Result {
    try HostGuard.install()
    let pair = try NetnsPair()
    let result: Result
    do {
        result = try await body(pair)
    } catch {
        pair.destroy()
        throw error
    }
    pair.destroy()
    let dropped = try HostGuard.droppedPackets()
    if dropped != 0 { throw HostGuardTripped(packets: dropped) }
    return result
}
