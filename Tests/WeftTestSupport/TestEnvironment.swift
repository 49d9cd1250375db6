import Foundation

/// Facts about the machine the tests run on.
package enum TestEnvironment {
    /// Root tests create network namespaces, nftables tables and cgroups; CI runs as root.
    package static let isRoot = getuid() == 0

    /// The message a root-only test is skipped with when not root.
    package static let rootRequired = "needs root (network namespaces, nftables, cgroups); CI runs the suite as root"

    /// Prefix of everything the tests create, so a sweep can find leftovers of crashed runs.
    package static let prefix = "weft-test-"

    /// This process's own prefix: `weft-test-PID-`. Only this process creates or deletes names under it, so runs
    /// of different worktrees on one machine never sweep each other's live fixtures.
    package static let processPrefix = "\(prefix)\(getpid())-"

    /// The pid embedded in a `weft-test-PID-…` name, if any.
    package static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        return rest.split(separator: "-").first.flatMap { pid_t($0) }
    }

    /// True if a process with this pid exists.
    package static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
