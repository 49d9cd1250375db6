/// Service VIP:port → service port, the first lookup of every outbound decision.
///
/// IPv4 keys live in an open-addressing table with a multiplicative hash: one probe in the common case and no
/// `Hasher` (SipHash) round, which dominated the L4 decision when this was a `Dictionary`. IPv6 keys, rare for
/// VIPs, use a `Dictionary`.
struct AddressPortIndex: Sendable {
    /// 0 marks an empty slot; a key is `address << 17 | port << 1 | 1`, never 0.
    private let keys: [UInt64]
    private let values: [ServicePortRef]
    private let shift: UInt64
    private let v6: [DestinationAddress: ServicePortRef]

    init(_ entries: [DestinationAddress: ServicePortRef]) {
        var v4: [(UInt64, ServicePortRef)] = []
        var v6: [DestinationAddress: ServicePortRef] = [:]
        for (address, ref) in entries {
            if let key = Self.key(address) {
                v4.append((key, ref))
            } else {
                v6[address] = ref
            }
        }
        // A power of two at least twice the entries keeps probe chains short.
        var bits: UInt64 = 4
        while (1 << bits) < 2 * v4.count { bits += 1 }
        let capacity = 1 << Int(bits)
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [ServicePortRef](repeating: ServicePortRef(service: -1, port: -1), count: capacity)
        for (key, ref) in v4 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = ref
        }
        self.keys = keys
        self.values = values
        self.shift = 64 - bits
        self.v6 = v6
    }

    private static func key(_ address: DestinationAddress) -> UInt64? {
        guard case .v4(let value) = address.address, (0...65535).contains(address.port) else { return nil }
        return UInt64(value) << 17 | UInt64(address.port) << 1 | 1
    }

    subscript(_ address: DestinationAddress) -> ServicePortRef? {
        guard let key = Self.key(address) else { return self.v6.isEmpty ? nil : self.v6[address] }
        let mask = self.keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> self.shift)
        while true {
            let found = self.keys[slot]
            if found == key { return self.values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
