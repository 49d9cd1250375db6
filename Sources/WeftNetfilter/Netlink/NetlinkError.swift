import WeftSystem

#if canImport(Glibc)
import Glibc
#endif

/// Why a netlink exchange failed.
package enum NetlinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed before or while talking to the kernel.
    case system(SystemError)
    /// The kernel refused a message: `errno`, what the message was, and the kernel's own explanation if any.
    case kernel(errno: CInt, message: String, detail: String?)
    /// The kernel did not answer every message in time.
    case timeout
    /// libnftnl could not allocate or build a message.
    case encoding(String)

    package var description: String {
        switch self {
        case .system(let error):
            return error.description
        case .kernel(let code, let message, let detail):
            let reason = String(cString: strerror(code))
            return "\(message): \(reason) (errno \(code))" + (detail.map { ": \($0)" } ?? "")
        case .timeout:
            return "the kernel did not answer every netlink message in time"
        case .encoding(let what):
            return "could not encode \(what)"
        }
    }
}
