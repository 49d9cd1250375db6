import PropertyBased
import Testing
import WeftCore

@Suite("VIP allocation is stable per hostname and collision-free")
struct VIPAllocatorTests {
    let allocator = VIPAllocator()

    @Test("A hostname's preferred address is a fixed function of its name, inside 240.240.0.0/16")
    func preferredIsFixed() {
        // Pinned: a change here moves every allocated VIP in every running mesh.
        #expect(self.allocator.preferredAddress(for: "reviews.default.svc.cluster.local") == ip("240.240.202.45"))
        #expect(self.allocator.preferredAddress(for: "api.example.com") == ip("240.240.36.227"))
        #expect(self.allocator.capacity == 65534)
    }

    @Test("Hosts get their preferred address when nothing claims it")
    func preferredWhenFree() {
        let hosts = ["a.example.com", "b.example.com", "reviews.default.svc.cluster.local"]
        let result = self.allocator.allocate(hosts, reserved: [])
        for host in hosts {
            #expect(result[host] == self.allocator.preferredAddress(for: host))
        }
    }

    @Test("A declared VIP is never handed out; the host whose slot it is probes to the next address")
    func reservedSkipped() {
        let host = "reviews.default.svc.cluster.local"
        let preferred = self.allocator.preferredAddress(for: host)
        let result = self.allocator.allocate([host], reserved: [preferred])
        #expect(result[host] == ip("240.240.202.46"))
    }

    @Test("In a full pool every host gets a distinct address until none is left")
    func smallPool() throws {
        // 240.240.0.0/29 has 6 usable addresses (.1 to .6).
        let small = VIPAllocator(pool: try CIDR(parsing: "240.240.0.0/29"))
        #expect(small.capacity == 6)
        let hosts = (1...7).map { "h\($0).example.com" }
        let result = small.allocate(hosts, reserved: [ip("240.240.0.3")])
        #expect(result.count == 5)
        #expect(Set(result.values).count == 5)
        #expect(!result.values.contains(ip("240.240.0.3")))
        #expect(
            result.values.allSatisfy { small.pool.contains($0) && $0 != ip("240.240.0.0") && $0 != ip("240.240.0.7") }
        )
    }

    @Test("Adding a host moves only a host that collides with it")
    func addingMovesOnlyCollided() throws {
        let small = VIPAllocator(pool: try CIDR(parsing: "240.240.0.0/28"))
        // Find two names with the same preferred slot, and a third with another slot.
        let names = (0..<200).map { "svc\($0).example.com" }
        let first = names[0]
        let twin = try #require(
            names.dropFirst().first { small.preferredAddress(for: $0) == small.preferredAddress(for: first) }
        )
        let other = try #require(
            names.first {
                small.preferredAddress(for: $0) != small.preferredAddress(for: first)
                    && small.preferredAddress(for: $0) != small.address(after: small.preferredAddress(for: first))
            }
        )
        let before = small.allocate([twin, other], reserved: [])
        let after = small.allocate([first, twin, other], reserved: [])
        #expect(after[other] == before[other])
        // The two twins share a slot: the one sorted first keeps it, the other probes forward.
        let (winner, loser) = first < twin ? (first, twin) : (twin, first)
        #expect(after[winner] == small.preferredAddress(for: first))
        #expect(after[loser] == small.address(after: small.preferredAddress(for: first)))
    }

    @Test("Any set of hosts gets distinct addresses in the pool, never a reserved one")
    func collisionFree() async throws {
        let pool = try CIDR(parsing: "240.240.0.0/26")
        let small = VIPAllocator(pool: pool)
        let names = Gen.lowercaseLetter.string(of: 1...6).set(ofAtMost: 1...40)
        let reservedSlots = Gen.int(in: 0...63).set(ofAtMost: 0...10)
        await propertyCheck(input: names, reservedSlots) { hosts, slots in
            let reserved = Set(slots.map { IPAddress.v4(0xF0F0_0000 + UInt32($0)) })
            let result = small.allocate(hosts, reserved: reserved)
            #expect(Set(result.values).count == result.count)
            #expect(result.values.allSatisfy { pool.contains($0) && !reserved.contains($0) })
            let usable = reserved.filter { $0 != .v4(0xF0F0_0000) && $0 != .v4(0xF0F0_003F) }.count
            #expect(result.count == min(hosts.count, 62 - usable))
        }
    }

    @Test("The same set of hosts gets the same addresses in any order")
    func orderIndependent() async {
        await propertyCheck(input: Gen.lowercaseLetter.string(of: 1...8).array(of: 1...30)) { hosts in
            let forward = self.allocator.allocate(hosts, reserved: [])
            let backward = self.allocator.allocate(hosts.reversed(), reserved: [])
            #expect(forward == backward)
        }
    }

    @Test("Adding a host to a set without shared preferred slots moves no existing host")
    func stableWhenAdding() async {
        let hosts = Gen.lowercaseLetter.string(of: 3...10).set(ofAtMost: 1...40)
        await propertyCheck(input: hosts, Gen.lowercaseLetter.string(of: 3...10)) { hosts, extra in
            let all = hosts.union([extra])
            let preferred = all.map { self.allocator.preferredAddress(for: $0) }
            guard Set(preferred).count == all.count else { return }
            let before = self.allocator.allocate(hosts, reserved: [])
            let after = self.allocator.allocate(all, reserved: [])
            for host in hosts {
                #expect(after[host] == before[host], "\(host) moved when \(extra) was added")
            }
        }
    }
}

extension VIPAllocator {
    /// The next address of the pool after `address`, wrapping over the usable range (the probe order).
    func address(after address: IPAddress) -> IPAddress {
        guard case .v4(let value) = address, case .v4(let base) = self.pool.address else { return address }
        let offset = value - base - 1
        return .v4(base + 1 + (offset + 1) % self.capacity)
    }
}
