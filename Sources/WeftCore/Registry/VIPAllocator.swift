/// Allocates virtual IPs for services that declare none, from an IPv4 pool (`240.240.0.0/16` by default, as
/// Istio's auto-allocation, ztunnel.md §6.5).
///
/// Stable per hostname: each host's preferred address is a fixed hash of its name, so the same host gets the same
/// VIP on every node and after every restart. Collision-free: hosts are placed in sorted order and a host whose
/// preferred address is taken (by a declared VIP or an earlier host) probes forward, wrapping, to the next free
/// one. Adding a host therefore moves no existing host unless it lands on that host's probe path.
package struct VIPAllocator: Hashable, Sendable {
    /// Istio's pool for auto-allocated IPv4 service addresses.
    package static let defaultPool = CIDR(address: .v4(0xF0F0_0000), prefixLength: 16)

    package let pool: CIDR
    private let base: UInt32
    /// Usable addresses: the block without its network and broadcast addresses (for blocks of 4 or more).
    package let capacity: UInt32
    private let firstOffset: UInt32

    /// - Precondition: `pool` is an IPv4 block.
    package init(pool: CIDR = VIPAllocator.defaultPool) {
        guard case .v4(let address) = pool.address, pool.prefixLength <= 32 else {
            preconditionFailure("VIP pool must be an IPv4 block, got \(pool)")
        }
        self.pool = pool
        let size = pool.prefixLength == 0 ? UInt64(1) << 32 : UInt64(1) << UInt64(32 - pool.prefixLength)
        let mask: UInt32 = pool.prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - pool.prefixLength)
        self.base = address & mask
        if size >= 4 {
            self.firstOffset = 1
            self.capacity = UInt32(size - 2)
        } else {
            self.firstOffset = 0
            self.capacity = UInt32(size)
        }
    }

    /// The address `hostname` gets when nothing else claims it first.
    package func preferredAddress(for hostname: String) -> IPAddress {
        self.address(atSlot: self.preferredSlot(for: hostname))
    }

    private func preferredSlot(for hostname: String) -> UInt32 {
        UInt32(StableHash.fnv1a64(hostname) % UInt64(self.capacity))
    }

    private func address(atSlot slot: UInt32) -> IPAddress {
        .v4(self.base + self.firstOffset + slot)
    }

    /// Assigns an address to every hostname in `hostnames` that fits, never one in `reserved`.
    ///
    /// - Returns: hostname → address. A hostname is missing only when the pool is full.
    package func allocate(_ hostnames: some Sequence<String>, reserved: Set<IPAddress>) -> [String: IPAddress] {
        var taken = Set<UInt32>()
        for address in reserved {
            guard self.pool.contains(address), case .v4(let value) = address else { continue }
            let offset = value - self.base
            guard offset >= self.firstOffset, offset - self.firstOffset < self.capacity else { continue }
            taken.insert(offset - self.firstOffset)
        }
        var result: [String: IPAddress] = [:]
        for hostname in Set(hostnames).sorted() {
            guard taken.count < Int(self.capacity) else { break }
            var slot = self.preferredSlot(for: hostname)
            while taken.contains(slot) {
                slot = slot + 1 == self.capacity ? 0 : slot + 1
            }
            taken.insert(slot)
            result[hostname] = self.address(atSlot: slot)
        }
        return result
    }
}
