#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: what was attempted, on what, and the `errno` it returned.
package struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call and its subject, e.g. `open /var/run/netns/pod-a`.
    package var operation: String
    package var errno: CInt

    package init(_ operation: String, errno: CInt) {
        self.operation = operation
        self.errno = errno
    }

    /// Captures the calling thread's current `errno`.
    package static func last(_ operation: String) -> SystemError {
        SystemError(operation, errno: Glibc.errno)
    }

    package var description: String {
        "\(self.operation): \(String(cString: strerror(self.errno))) (errno \(self.errno))"
    }
}
