/// Where and how one workload's traffic is captured: the input of ``InterceptionPlan``.
package enum InterceptionEnrollment: Hashable, Sendable {
    /// The workload has its own network namespace; the rules live inside it (istio-cni in-pod mode).
    case namespace(NamespaceCapture)
    /// The workload shares the host's network; outbound is matched by cgroup, inbound by declared ports.
    case host(HostCapture)
}

/// Options for namespace mode. Every option defaults to what istio-cni does for an ordinary pod.
package struct NamespaceCapture: Hashable, Sendable {
    /// Redirect DNS (udp and tcp port 53) to the DNS proxy. Istio: annotation `ambient.istio.io/dns-capture`.
    package var dnsCapture: Bool
    /// Redirect inbound TCP to the inbound listener. Off is Istio's ingress mode
    /// (`ambient.istio.io/bypass-inbound-capture`).
    package var inboundCapture: Bool
    /// Install the IPv6 rules and the IPv6 policy routing as well as the IPv4 ones.
    package var ipv6: Bool

    package init(dnsCapture: Bool = true, inboundCapture: Bool = true, ipv6: Bool = true) {
        self.dnsCapture = dnsCapture
        self.inboundCapture = inboundCapture
        self.ipv6 = ipv6
    }
}

/// Options for host mode: a service that shares the host's network namespace.
package struct HostCapture: Hashable, Sendable {
    /// Why a host capture could not be described.
    package enum InvalidReason: Error, Hashable, Sendable, CustomStringConvertible {
        case badName(String)
        case badPort(UInt16)
        case badCgroupLevel(UInt32)

        package var description: String {
            switch self {
            case .badName(let name):
                return "host workload name \"\(name)\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"
            case .badPort(let port):
                return "inbound port \(port) is not capturable (0 or one of the agent's own ports)"
            case .badCgroupLevel(let level):
                return "cgroup level \(level) must be 1 or more (level 0 is the whole machine)"
            }
        }
    }

    /// Names the workload's own table, `weft-host-<name>`.
    package var name: String
    /// The service's cgroup v2, identified by its depth below the cgroup2 root and its id (inode number).
    package var cgroup: CgroupIdentity
    /// Ports the service accepts connections on; inbound TCP to them (addressed to this host) is captured.
    package var inboundPorts: [UInt16]
    /// Redirect the service's DNS (udp and tcp port 53) to the DNS proxy.
    package var dnsCapture: Bool

    package init(
        name: String,
        cgroup: CgroupIdentity,
        inboundPorts: [UInt16],
        dnsCapture: Bool = false,
        constants: InterceptionConstants = .istio
    ) throws(InvalidReason) {
        let allowed = "abcdefghijklmnopqrstuvwxyz0123456789-_."
        guard (1...64).contains(name.utf8.count), name.allSatisfy({ allowed.contains($0) }) else {
            throw .badName(name)
        }
        guard cgroup.level >= 1 else { throw .badCgroupLevel(cgroup.level) }
        let agentPorts: Set<UInt16> = [
            constants.outboundPort, constants.inboundPort, constants.hbonePort, constants.dnsPort,
        ]
        for port in inboundPorts where port == 0 || agentPorts.contains(port) { throw .badPort(port) }
        self.name = name
        self.cgroup = cgroup
        // Sorted and unique, so that two enrollments listing the same ports produce the same plan.
        self.inboundPorts = Array(Set(inboundPorts)).sorted()
        self.dnsCapture = dnsCapture
    }
}

/// A cgroup v2 as nftables' `socket cgroupv2 level N` sees it: the ancestor at depth `level` of the socket's
/// cgroup must have id `id` (the cgroup directory's inode number).
package struct CgroupIdentity: Hashable, Sendable, CustomStringConvertible {
    /// Depth below the cgroup2 root: `system.slice` is 1, `system.slice/foo.service` is 2.
    package var level: UInt32
    /// The kernel's cgroup id, which is the inode number of the cgroup's directory.
    package var id: UInt64

    package init(level: UInt32, id: UInt64) {
        self.level = level
        self.id = id
    }

    package var description: String { "cgroupv2 level \(self.level) id \(self.id)" }
}
