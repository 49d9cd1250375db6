import WeftCore

extension InterceptionPlan {
    /// Table names in namespace mode. The namespace belongs to one workload, so the names are fixed.
    package static let namespaceNatTable = "weft-nat"
    package static let namespaceMangleTable = "weft-mangle"
    package static let namespaceRawTable = "weft-raw"

    /// istio-cni's in-pod rules (ztunnel.md §4.3), REDIRECT in both directions, plus IPv6 twins.
    static func namespacePlan(_ capture: NamespaceCapture, constants c: InterceptionConstants) -> InterceptionPlan {
        let loopbacks: [IPAddress] = capture.ipv6 ? [.loopbackV4, .loopbackV6] : [.loopbackV4]
        let notAgent = NftMatch.packetMark(mask: c.markMask, value: c.agentMark, equal: false)

        var prerouting: [NftRule] = []
        if capture.inboundCapture {
            // Inbound TCP except HBONE goes to the plaintext inbound listener; the agent's own (marked) connections
            // to the app stay untouched.
            for loopback in loopbacks {
                prerouting.append(
                    NftRule(
                        [
                            .destinationAddress(loopback, equal: false),
                            .destinationPort(.tcp, c.hbonePort, equal: false), notAgent,
                        ],
                        .redirect(port: c.inboundPort)
                    )
                )
            }
        }

        var output: [NftRule] = []
        if capture.dnsCapture {
            output.append(
                NftRule(
                    [.outputInterface("lo", equal: false), notAgent, .destinationPort(.udp, 53, equal: true)],
                    .redirect(port: c.dnsPort)
                )
            )
            for loopback in loopbacks {
                output.append(
                    NftRule(
                        [
                            .destinationAddress(loopback, equal: false), .destinationPort(.tcp, 53, equal: true),
                            notAgent,
                        ],
                        .redirect(port: c.dnsPort)
                    )
                )
            }
        }
        // Replies on connections the agent opened with a spoofed source must not be captured again.
        output.append(
            NftRule(
                [.transportProtocol(.tcp), .packetMark(mask: c.markMask, value: c.transparentMark, equal: true)],
                .accept
            )
        )
        // The app talking to its own pod IP over lo stays local.
        for loopback in loopbacks {
            output.append(
                NftRule([.outputInterface("lo", equal: true), .destinationAddress(loopback, equal: false)], .accept)
            )
        }
        for loopback in loopbacks {
            output.append(
                NftRule(
                    [.transportProtocol(.tcp), .destinationAddress(loopback, equal: false), notAgent],
                    .redirect(port: c.outboundPort)
                )
            )
        }

        let nat = NftTable(
            name: Self.namespaceNatTable,
            chains: [
                NftChain(name: "prerouting", kind: .nat, hook: .prerouting, priority: -100, rules: prerouting),
                NftChain(name: "output", kind: .nat, hook: .output, priority: -100, rules: output),
            ]
        )
        let mangle = NftTable(
            name: Self.namespaceMangleTable,
            chains: [
                NftChain(
                    name: "prerouting",
                    kind: .filter,
                    hook: .prerouting,
                    priority: -150,
                    rules: [
                        NftRule(
                            [.packetMark(mask: c.markMask, value: c.agentMark, equal: true)],
                            .setConnectionMark(keep: ~c.markMask, set: c.transparentMark & c.markMask)
                        )
                    ]
                ),
                NftChain(
                    name: "output",
                    kind: .route,
                    hook: .output,
                    priority: -150,
                    rules: [
                        NftRule(
                            [.connectionMark(mask: c.markMask, value: c.transparentMark, equal: true)],
                            .restorePacketMark
                        )
                    ]
                ),
            ]
        )
        var tables = [nat, mangle]
        if capture.dnsCapture {
            // The agent's upstream DNS query and the app's captured one share a 5-tuple after the redirect; a
            // separate conntrack zone keeps them apart (as istio-cni's raw table does).
            let zone: UInt16 = 1
            tables.append(
                NftTable(
                    name: Self.namespaceRawTable,
                    chains: [
                        NftChain(
                            name: "prerouting",
                            kind: .filter,
                            hook: .prerouting,
                            priority: -300,
                            rules: [
                                NftRule(
                                    [
                                        .sourcePort(.udp, 53, equal: true),
                                        .packetMark(mask: c.markMask, value: c.agentMark, equal: false),
                                    ],
                                    .setConntrackZone(zone)
                                )
                            ]
                        ),
                        NftChain(
                            name: "output",
                            kind: .filter,
                            hook: .output,
                            priority: -300,
                            rules: [
                                NftRule(
                                    [
                                        .destinationPort(.udp, 53, equal: true),
                                        .packetMark(mask: c.markMask, value: c.agentMark, equal: true),
                                    ],
                                    .setConntrackZone(zone)
                                )
                            ]
                        ),
                    ]
                )
            )
        }
        return InterceptionPlan(
            tables: tables,
            ownedTableNames: [Self.namespaceNatTable, Self.namespaceMangleTable, Self.namespaceRawTable],
            routing: PolicyRouting(
                mark: c.transparentMark,
                mask: c.markMask,
                table: c.routeTable,
                priority: c.rulePriority,
                families: capture.ipv6 ? [.ipv4, .ipv6] : [.ipv4]
            )
        )
    }
}
