import Testing
import WeftNetfilter

@Suite("nftables batch")
struct NftBatchTests {
    @Test("applying replaces each planned table (add, delete, add) and deletes retired tables, in one transaction")
    func applying() {
        let plan = InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false, ipv6: false)))
        let batch = NftBatch.applying(plan, firstSequence: 100)
        #expect(
            batch.messages.map(\.summary) == [
                "add table inet weft-nat",
                "delete table inet weft-nat",
                "add table inet weft-nat",
                "add chain inet weft-nat prerouting",
                "add rule inet weft-nat prerouting ip daddr != 127.0.0.1 tcp dport != 15008 "
                    + "meta mark & 0xfff != 0x539 counter redirect to :15006",
                "add chain inet weft-nat output",
                "add rule inet weft-nat output meta l4proto tcp meta mark & 0xfff == 0x111 counter accept",
                "add rule inet weft-nat output oifname \"lo\" ip daddr != 127.0.0.1 counter accept",
                "add rule inet weft-nat output meta l4proto tcp ip daddr != 127.0.0.1 meta mark & 0xfff != 0x539 "
                    + "counter redirect to :15001",
                "add table inet weft-mangle",
                "delete table inet weft-mangle",
                "add table inet weft-mangle",
                "add chain inet weft-mangle prerouting",
                "add rule inet weft-mangle prerouting meta mark & 0xfff == 0x539 counter "
                    + "ct mark set ct mark & 0xfffff000 | 0x111",
                "add chain inet weft-mangle output",
                "add rule inet weft-mangle output ct mark & 0xfff == 0x111 counter meta mark set ct mark",
                "add table inet weft-raw",
                "delete table inet weft-raw",
            ]
        )
        // Sequence numbers are consecutive after the batch-begin message (101).
        #expect(batch.messages.map(\.sequence) == Array(102..<(102 + UInt32(batch.messages.count))))
    }

    @Test("the batch is framed by BATCH_BEGIN and BATCH_END and every message in between asks for an ACK")
    func framing() {
        let batch = NftBatch.applying(InterceptionPlan(.namespace(NamespaceCapture())), firstSequence: 0)
        var offset = 0
        var types: [UInt16] = []
        var acknowledged = 0
        while offset + 16 <= batch.bytes.count {
            let length = batch.bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
            types.append(UInt16(batch.bytes[offset + 4]) | UInt16(batch.bytes[offset + 5]) << 8)
            let flags = UInt16(batch.bytes[offset + 6]) | UInt16(batch.bytes[offset + 7]) << 8
            if flags & 0x4 != 0 { acknowledged += 1 }  // NLM_F_ACK
            offset += (length + 3) & ~3
        }
        #expect(offset == batch.bytes.count)
        #expect(types.first == 0x10)  // NFNL_MSG_BATCH_BEGIN
        #expect(types.last == 0x11)  // NFNL_MSG_BATCH_END
        #expect(types.count == batch.messages.count + 2)
        #expect(acknowledged == batch.messages.count)
    }

    @Test("removing deletes every owned table whether or not it exists (add then delete)")
    func removing() throws {
        let host = InterceptionPlan(
            .host(try HostCapture(name: "web", cgroup: CgroupIdentity(level: 1, id: 3), inboundPorts: [80]))
        )
        #expect(
            NftBatch.removing(host, firstSequence: 0).messages.map(\.summary) == [
                "add table inet weft-host-web", "delete table inet weft-host-web",
            ]
        )
    }
}
