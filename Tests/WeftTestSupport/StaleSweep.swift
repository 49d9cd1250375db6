import Foundation
import WeftNetfilter

/// Removes what crashed test runs left behind: `weft-test-PID-*` namespaces, host tables and cgroups whose PID
/// is no longer running. Live runs (other worktrees testing at the same time) are left alone.
package enum StaleSweep {
    package static func run() {
        if let namespaces = try? Command.run(["ip", "netns", "list"]) {
            for line in namespaces.split(separator: "\n") {
                let name = String(line.split(separator: " ").first ?? "")
                if Self.isStale(name) { _ = try? Command.status(["ip", "netns", "del", name]) }
            }
        }
        if let tables = try? Command.run(["nft", "list", "tables"]) {
            for line in tables.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 3, fields[0] == "table" else { continue }
                let name = String(fields[2])
                if Self.isStale(name) { _ = try? Command.status(["nft", "delete", "table", String(fields[1]), name]) }
            }
        }
        if let mount = try? CgroupV2.mountPoint(),
            let entries = try? FileManager.default.contentsOfDirectory(atPath: mount)
        {
            for name in entries where Self.isStale(name) { TestCgroup.removeTree("\(mount)/\(name)") }
        }
    }

    private static func isStale(_ name: String) -> Bool {
        guard let owner = TestEnvironment.owner(of: name) else { return false }
        return !TestEnvironment.isAlive(owner)
    }
}
