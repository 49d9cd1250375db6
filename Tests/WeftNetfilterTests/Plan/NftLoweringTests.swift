import Testing
import WeftCore
import WeftNetfilter

/// The expressions each match lowers to. The expected texts are what `nft --debug=netlink` prints for the same
/// rule text (the kernel test `nft and Weft install identical expressions` checks this against nft itself).
@Suite("nftables lowering")
struct NftLoweringTests {
    @Test(
        "each match lowers to nft's expressions, dependencies first",
        arguments: [
            (
                NftMatch.destinationPort(.tcp, 15008, equal: false),
                "[ meta load l4proto => reg 1 ] [ cmp eq reg 1 0x00000006 ] "
                    + "[ payload load 2b @ transport header + 2 => reg 1 ] [ cmp neq reg 1 0x0000a03a ]"
            ),
            (
                .destinationAddress(.loopbackV4, equal: false),
                "[ meta load nfproto => reg 1 ] [ cmp eq reg 1 0x00000002 ] "
                    + "[ payload load 4b @ network header + 16 => reg 1 ] [ cmp neq reg 1 0x0100007f ]"
            ),
            (
                .destinationAddress(.loopbackV6, equal: false),
                "[ meta load nfproto => reg 1 ] [ cmp eq reg 1 0x0000000a ] "
                    + "[ payload load 16b @ network header + 24 => reg 1 ] "
                    + "[ cmp neq reg 1 0x00000000 0x00000000 0x00000000 0x01000000 ]"
            ),
            (
                .packetMark(mask: 0xfff, value: 0x539, equal: false),
                "[ meta load mark => reg 1 ] [ bitwise reg 1 = ( reg 1 & 0x00000fff ) ^ 0x00000000 ] "
                    + "[ cmp neq reg 1 0x00000539 ]"
            ),
            (
                .outputInterface("lo", equal: true),
                "[ meta load oifname => reg 1 ] [ cmp eq reg 1 0x00006f6c 0x00000000 0x00000000 0x00000000 ]"
            ),
            (
                .sourcePort(.udp, 53, equal: true),
                "[ meta load l4proto => reg 1 ] [ cmp eq reg 1 0x00000011 ] "
                    + "[ payload load 2b @ transport header + 0 => reg 1 ] [ cmp eq reg 1 0x00003500 ]"
            ),
            (
                .socketCgroup(CgroupIdentity(level: 2, id: 0x1_0000_002a)),
                "[ socket load cgroupv2 level 2 => reg 1 ] [ cmp eq reg 1 0x0000002a 0x00000001 ]"
            ),
            (
                .destinationIsLocal,
                "[ fib daddr type => reg 1 ] [ cmp eq reg 1 0x00000002 ]"
            ),
        ] as [(NftMatch, String)]
    )
    func lowering(match: NftMatch, expected: String) {
        #expect(match.expressions.map(\.description).joined(separator: " ") == expected)
    }

    @Test(
        "each action lowers to nft's expressions",
        arguments: [
            (NftAction.redirect(port: 15001), "[ immediate reg 1 0x0000993a ] [ redir proto_min reg 1 flags 0x2 ]"),
            (.accept, "[ immediate reg 0 accept ]"),
            (
                .setConnectionMark(keep: 0xffff_f000, set: 0x111),
                "[ ct load mark => reg 1 ] [ bitwise reg 1 = ( reg 1 & 0xfffff000 ) ^ 0x00000111 ] "
                    + "[ ct set mark with reg 1 ]"
            ),
            (.restorePacketMark, "[ ct load mark => reg 1 ] [ meta set mark with reg 1 ]"),
            (.setConntrackZone(1), "[ immediate reg 1 0x00000001 ] [ ct set zone with reg 1 ]"),
        ] as [(NftAction, String)]
    )
    func actions(action: NftAction, expected: String) {
        #expect(action.expressions.map(\.description).joined(separator: " ") == expected)
    }

    @Test("a rule is its matches, a counter, then its action")
    func ruleShape() {
        let rule = NftRule([.transportProtocol(.tcp)], .accept)
        #expect(
            rule.expressions == [
                .meta(.l4proto, register: 1), .compare(.equal, register: 1, data: [6]), .counter, .verdict(.accept),
            ]
        )
        #expect(rule.description == "meta l4proto tcp counter accept")
    }

    @Test("addresses are written most significant byte first")
    func addressBytes() throws {
        #expect(IPAddress.v4(0x0af8_0102).networkOrderBytes == [10, 248, 1, 2])
        let v6 = try IPAddress(parsing: "fd00:248::1")
        #expect(v6.networkOrderBytes == [0xfd, 0, 0x02, 0x48] + [UInt8](repeating: 0, count: 11) + [1])
    }
}
