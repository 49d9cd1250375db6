import Testing
import WeftCore
import WeftNetfilter

@Suite("Interception plan")
struct InterceptionPlanTests {
    @Test("namespace mode follows istio-cni's in-pod nftables rules, with an IPv6 twin of every address rule")
    func namespaceGolden() {
        let plan = InterceptionPlan(.namespace(NamespaceCapture()))
        #expect(
            plan.description == """
                table inet weft-nat {
                \tchain prerouting {
                \t\ttype nat hook prerouting priority -100; policy accept;
                \t\tip daddr != 127.0.0.1 tcp dport != 15008 meta mark & 0xfff != 0x539 counter redirect to :15006
                \t\tip6 daddr != ::1 tcp dport != 15008 meta mark & 0xfff != 0x539 counter redirect to :15006
                \t}
                \tchain output {
                \t\ttype nat hook output priority -100; policy accept;
                \t\toifname != "lo" meta mark & 0xfff != 0x539 udp dport 53 counter redirect to :15053
                \t\tip daddr != 127.0.0.1 tcp dport 53 meta mark & 0xfff != 0x539 counter redirect to :15053
                \t\tip6 daddr != ::1 tcp dport 53 meta mark & 0xfff != 0x539 counter redirect to :15053
                \t\tmeta l4proto tcp meta mark & 0xfff == 0x111 counter accept
                \t\toifname "lo" ip daddr != 127.0.0.1 counter accept
                \t\toifname "lo" ip6 daddr != ::1 counter accept
                \t\tmeta l4proto tcp ip daddr != 127.0.0.1 meta mark & 0xfff != 0x539 counter redirect to :15001
                \t\tmeta l4proto tcp ip6 daddr != ::1 meta mark & 0xfff != 0x539 counter redirect to :15001
                \t}
                }
                table inet weft-mangle {
                \tchain prerouting {
                \t\ttype filter hook prerouting priority -150; policy accept;
                \t\tmeta mark & 0xfff == 0x539 counter ct mark set ct mark & 0xfffff000 | 0x111
                \t}
                \tchain output {
                \t\ttype route hook output priority -150; policy accept;
                \t\tct mark & 0xfff == 0x111 counter meta mark set ct mark
                \t}
                }
                table inet weft-raw {
                \tchain prerouting {
                \t\ttype filter hook prerouting priority -300; policy accept;
                \t\tudp sport 53 meta mark & 0xfff != 0x539 counter ct zone set 1
                \t}
                \tchain output {
                \t\ttype filter hook output priority -300; policy accept;
                \t\tudp dport 53 meta mark & 0xfff == 0x539 counter ct zone set 1
                \t}
                }
                ip rule fwmark 0x111/0xfff pref 32764 lookup 100; ip route local 0.0.0.0/0 dev lo table 100
                ip -6 rule fwmark 0x111/0xfff pref 32764 lookup 100; ip -6 route local ::/0 dev lo table 100
                """
        )
        #expect(plan.ownedTableNames == ["weft-nat", "weft-mangle", "weft-raw"])
        #expect(plan.retiredTableNames == [])
    }

    @Test("DNS capture off removes every port-53 rule and retires the raw table")
    func dnsOff() throws {
        let plan = InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false)))
        #expect(plan.tables.map(\.name) == ["weft-nat", "weft-mangle"])
        #expect(plan.retiredTableNames == ["weft-raw"])
        let output = try #require(plan.tables.first?.chains.last)
        #expect(!output.rules.contains { $0.description.contains("dport 53") })
        #expect(output.rules.count == 5)
    }

    @Test("inbound capture off (ingress mode) leaves the prerouting nat chain empty")
    func inboundOff() throws {
        let plan = InterceptionPlan(.namespace(NamespaceCapture(inboundCapture: false)))
        let prerouting = try #require(plan.tables.first?.chains.first)
        #expect(prerouting.name == "prerouting")
        #expect(prerouting.rules.isEmpty)
    }

    @Test("an IPv4-only plan has no ip6 rules and IPv4 policy routing only")
    func ipv4Only() {
        let plan = InterceptionPlan(.namespace(NamespaceCapture(ipv6: false)))
        #expect(!plan.description.contains("ip6"))
        #expect(plan.routing?.families == [.ipv4])
        #expect(plan.tables[0].chains.map(\.rules.count) == [1, 5])
    }

    @Test("host mode captures the service's cgroup outbound and its declared ports inbound, in one table of its own")
    func hostGolden() throws {
        let capture = try HostCapture(
            name: "web",
            cgroup: CgroupIdentity(level: 2, id: 4242),
            inboundPorts: [8080, 80, 8080]
        )
        let plan = InterceptionPlan(.host(capture))
        #expect(
            plan.description == """
                table inet weft-host-web {
                \tchain prerouting {
                \t\ttype nat hook prerouting priority -100; policy accept;
                \t\tfib daddr type local tcp dport 80 meta mark & 0xfff != 0x539 counter redirect to :15006
                \t\tfib daddr type local tcp dport 8080 meta mark & 0xfff != 0x539 counter redirect to :15006
                \t}
                \tchain output {
                \t\ttype nat hook output priority -100; policy accept;
                \t\tsocket cgroupv2 level 2 4242 oifname != "lo" meta l4proto tcp meta mark & 0xfff != 0x539 counter redirect to :15001
                \t}
                }
                """
        )
        #expect(plan.routing == nil)
        #expect(plan.ownedTableNames == ["weft-host-web"])
    }

    @Test("host mode with DNS capture and no inbound ports has only the output chain")
    func hostDNSNoPorts() throws {
        let capture = try HostCapture(
            name: "cli",
            cgroup: CgroupIdentity(level: 1, id: 7),
            inboundPorts: [],
            dnsCapture: true
        )
        let plan = InterceptionPlan(.host(capture))
        #expect(plan.tables.count == 1)
        #expect(plan.tables[0].chains.map(\.name) == ["output"])
        #expect(
            plan.tables[0].chains[0].rules.map(\.description) == [
                "socket cgroupv2 level 1 7 tcp dport 53 meta mark & 0xfff != 0x539 counter redirect to :15053",
                "socket cgroupv2 level 1 7 udp dport 53 meta mark & 0xfff != 0x539 counter redirect to :15053",
                "socket cgroupv2 level 1 7 oifname != \"lo\" meta l4proto tcp meta mark & 0xfff != 0x539 counter "
                    + "redirect to :15001",
            ]
        )
    }

    @Test(
        "host captures that cannot be installed are refused with the reason",
        arguments: [
            ("Web", 1, [UInt16(80)], "host workload name \"Web\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"),
            ("", 1, [80], "host workload name \"\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"),
            ("web", 0, [80], "cgroup level 0 must be 1 or more (level 0 is the whole machine)"),
            ("web", 1, [0], "inbound port 0 is not capturable (0 or one of the agent's own ports)"),
            ("web", 1, [15008], "inbound port 15008 is not capturable (0 or one of the agent's own ports)"),
        ] as [(String, UInt32, [UInt16], String)]
    )
    func hostValidation(name: String, level: UInt32, ports: [UInt16], message: String) {
        #expect(throws: HostCapture.InvalidReason.self) {
            try HostCapture(name: name, cgroup: CgroupIdentity(level: level, id: 1), inboundPorts: ports)
        }
        do {
            _ = try HostCapture(name: name, cgroup: CgroupIdentity(level: level, id: 1), inboundPorts: ports)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("plans are values: the same enrollment gives an equal plan, any change gives a different one")
    func hashable() throws {
        let base = InterceptionPlan(.namespace(NamespaceCapture()))
        #expect(base == InterceptionPlan(.namespace(NamespaceCapture())))
        #expect(base.hashValue == InterceptionPlan(.namespace(NamespaceCapture())).hashValue)
        #expect(base != InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false))))
        var constants = InterceptionConstants.istio
        constants.outboundPort = 15101
        #expect(base != InterceptionPlan(.namespace(NamespaceCapture()), constants: constants))
        let host = { (ports: [UInt16]) in
            InterceptionPlan(
                .host(try HostCapture(name: "a", cgroup: CgroupIdentity(level: 1, id: 2), inboundPorts: ports))
            )
        }
        #expect(try host([80, 443]) == host([443, 80, 80]))
    }
}
