import CWeftSys

#if canImport(Glibc)
import Glibc
#endif

/// An open handle on a network namespace, kept for as long as a workload is enrolled (as ztunnel keeps the pod's
/// netns fd), and a way to run code with the calling thread inside it.
///
/// The namespace of a socket is fixed when `socket(2)` runs, by the namespace of the calling *thread*
/// (swift-notes §2). ``withEntered(_:)`` switches the thread in with `setns`, runs the body, and switches it back
/// before returning. Never `await` inside the body: a task may resume on another thread, which would leave the
/// first thread in the workload's namespace and silently put its next socket there.
package final class NetworkNamespace: Sendable, CustomStringConvertible {
    /// Identifies a namespace independently of the path it was opened from (`st_dev`, `st_ino` of the fd);
    /// two handles on the same namespace have equal identities.
    package struct Identity: Hashable, Sendable, CustomStringConvertible {
        package var device: UInt64
        package var inode: UInt64

        package var description: String { "net:[\(self.inode)]" }
    }

    /// The path it was opened from, for messages.
    package let path: String
    /// The open namespace file (`O_RDONLY | O_CLOEXEC`), closed when the handle is released.
    package let descriptor: CInt
    package let identity: Identity

    /// Opens a namespace file: `/var/run/netns/NAME`, `/proc/PID/ns/net`, or a bind mount of one.
    package init(path: String) throws(SystemError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .last("open network namespace \(path)") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = SystemError.last("fstat \(path)")
            close(fd)
            throw error
        }
        self.path = path
        self.descriptor = fd
        self.identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// A namespace created with `ip netns add NAME`.
    package convenience init(named name: String) throws(SystemError) {
        try self.init(path: "/var/run/netns/\(name)")
    }

    /// The namespace of a process (`weft enroll --pid`); needs ptrace access to that process.
    package convenience init(pid: Int32) throws(SystemError) {
        try self.init(path: "/proc/\(pid)/ns/net")
    }

    /// The calling thread's current namespace.
    package static func current() throws(SystemError) -> NetworkNamespace {
        try NetworkNamespace(path: "/proc/thread-self/ns/net")
    }

    deinit {
        close(self.descriptor)
    }

    package var description: String { "\(self.path) (\(self.identity))" }

    /// Runs `body` with the calling thread inside this namespace, then returns the thread to the namespace it
    /// was in. Throws if the namespace cannot be entered (nothing has changed then). If the thread cannot be
    /// returned, the process stops: a thread left in a workload's namespace would open later sockets there.
    package func withEntered<Result>(_ body: () throws -> Result) throws -> Result {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw SystemError.last("open /proc/thread-self/ns/net") }
        defer { close(original) }
        guard cweftsys_setns(self.descriptor, CWEFTSYS_CLONE_NEWNET) == 0 else {
            throw SystemError.last("setns into \(self.path)")
        }
        defer {
            if cweftsys_setns(original, CWEFTSYS_CLONE_NEWNET) != 0 {
                let error = SystemError.last("setns back from \(self.path)")
                fatalError("cannot return the thread to its network namespace: \(error)")
            }
        }
        return try body()
    }
}

extension Optional where Wrapped == NetworkNamespace {
    /// Runs `body` inside the namespace, or where the thread already is when there is none (host mode).
    package func withEntered<Result>(_ body: () throws -> Result) throws -> Result {
        switch self {
        case .some(let namespace): return try namespace.withEntered(body)
        case .none: return try body()
        }
    }
}
