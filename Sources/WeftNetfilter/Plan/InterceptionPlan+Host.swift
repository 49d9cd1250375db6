extension InterceptionPlan {
    /// The one table a host-mode workload owns: `weft-host-<name>`.
    package static func hostTableName(_ workload: String) -> String { "weft-host-\(workload)" }

    /// Host mode: outbound TCP from the service's cgroup goes to the outbound listener, inbound TCP addressed to
    /// this host on the declared ports goes to the inbound listener. Nothing else on the host is touched: one
    /// table of Weft's own, no policy routing (the agent connects to host services from its own address).
    static func hostPlan(_ capture: HostCapture, constants c: InterceptionConstants) -> InterceptionPlan {
        let fromService = NftMatch.socketCgroup(capture.cgroup)
        let notAgent = NftMatch.packetMark(mask: c.markMask, value: c.agentMark, equal: false)

        var output: [NftRule] = []
        if capture.dnsCapture {
            for proto in TransportProtocol.allCases {
                output.append(
                    NftRule(
                        [fromService, .destinationPort(proto, 53, equal: true), notAgent],
                        .redirect(port: c.dnsPort)
                    )
                )
            }
        }
        // Loopback traffic (127.0.0.1, ::1 and the host's own addresses over lo) stays local, as in namespace mode.
        output.append(
            NftRule(
                [fromService, .outputInterface("lo", equal: false), .transportProtocol(.tcp), notAgent],
                .redirect(port: c.outboundPort)
            )
        )
        var chains = [NftChain(name: "output", kind: .nat, hook: .output, priority: -100, rules: output)]
        if !capture.inboundPorts.isEmpty {
            // `fib daddr type local` leaves forwarded traffic (containers behind a bridge, routing) alone.
            let inbound = capture.inboundPorts.map { port in
                NftRule(
                    [.destinationIsLocal, .destinationPort(.tcp, port, equal: true), notAgent],
                    .redirect(port: c.inboundPort)
                )
            }
            chains.insert(
                NftChain(name: "prerouting", kind: .nat, hook: .prerouting, priority: -100, rules: inbound),
                at: 0
            )
        }
        let name = Self.hostTableName(capture.name)
        return InterceptionPlan(tables: [NftTable(name: name, chains: chains)], ownedTableNames: [name], routing: nil)
    }
}
