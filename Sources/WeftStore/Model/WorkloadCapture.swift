/// Where an enrolled workload's traffic is captured (architecture §2), as the operator gave it to `weft enroll`.
package enum WorkloadCapture: Hashable, Sendable, CustomStringConvertible {
    /// Netns mode by path (`--netns /var/run/netns/X`): rules and listeners live inside that namespace.
    case netns(path: String)
    /// Netns mode by process (`--pid N`): the namespace is `/proc/N/ns/net`. The pid is kept as given, so the agent
    /// can tell on restart that the process (and with it the namespace) is gone.
    case pid(Int32)
    /// Host mode (`--cgroup system.slice/foo.service`): outbound matched by cgroup v2, inbound by declared ports.
    case cgroup(path: String)

    /// The mode's name as the CLI and `weft workloads` show it.
    package var mode: String {
        switch self {
        case .netns: return "netns"
        case .pid: return "pid"
        case .cgroup: return "cgroup"
        }
    }

    package var description: String {
        switch self {
        case .netns(let path): return "netns \(path)"
        case .pid(let pid): return "pid \(pid)"
        case .cgroup(let path): return "cgroup \(path)"
        }
    }
}

// MARK: - Codable

/// Persisted as `{"mode": "netns", "path": …}`, `{"mode": "pid", "pid": …}` or `{"mode": "cgroup", "path": …}`.
extension WorkloadCapture: Codable {
    private enum CodingKeys: String, CodingKey {
        case mode
        case path
        case pid
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try container.decode(String.self, forKey: .mode)
        switch mode {
        case "netns": self = .netns(path: try container.decode(String.self, forKey: .path))
        case "pid": self = .pid(try container.decode(Int32.self, forKey: .pid))
        case "cgroup": self = .cgroup(path: try container.decode(String.self, forKey: .path))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .mode,
                in: container,
                debugDescription: "unknown capture mode \"\(mode)\""
            )
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.mode, forKey: .mode)
        switch self {
        case .netns(let path), .cgroup(let path): try container.encode(path, forKey: .path)
        case .pid(let pid): try container.encode(pid, forKey: .pid)
        }
    }
}
