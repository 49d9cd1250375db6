import Testing
import WeftCore

@testable import WeftDNS

@Suite("DNS forwarder: upstream id mapping and expiry")
struct DNSForwarderStateMachineTests {
    typealias Machine = DNSForwarderStateMachine<String>

    let start = ContinuousClock.Instant.now

    /// A forward request as the resolver would produce it.
    func request(
        _ text: String,
        _ type: DNSRecordType = .a,
        id: UInt16,
        transport: DNSTransport = .udp
    ) throws -> DNSForwardRequest {
        let bytes = try queryBytes(text, type, id: id)
        return DNSForwardRequest(bytes: bytes, query: try DNSMessage(decoding: bytes), transport: transport)
    }

    /// An upstream answer to `query` (id as sent upstream), optionally with a different question.
    func upstreamAnswer(
        to sent: [UInt8],
        question: DNSQuestion? = nil,
        code: DNSResponseCode = .noError
    ) throws -> [UInt8] {
        var response = try DNSMessage(decoding: sent)
        response.header.isResponse = true
        response.header.recursionAvailable = true
        if let question { response.questions = [question] }
        response.setResponseCode(code)
        if code == .noError {
            response.answers = [
                DNSResourceRecord(name: response.questions[0].name, ttl: 300, data: .address(.v4(0x0808_0808)))
            ]
        }
        return response.encoded()
    }

    /// Forwards and returns the bytes to send upstream.
    func send(
        _ machine: inout Machine,
        _ request: DNSForwardRequest,
        from client: String,
        at offset: Duration = .zero,
        rng: inout SplitMix64
    ) throws -> ([UInt8], UInt16) {
        guard
            case .send(let bytes, let upstreamID) = machine.forward(
                request,
                from: client,
                now: self.start + offset,
                using: &rng
            )
        else {
            Issue.record("expected .send")
            return ([], 0)
        }
        return (bytes, upstreamID)
    }

    @Test("The upstream query differs only in its random id; the answer goes back with the client's id")
    func mapsIDs() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 1)
        let query = try self.request("www.google.com", id: 0x1111)
        let (sent, upstreamID) = try self.send(&machine, query, from: "client-a", rng: &rng)
        #expect(upstreamID != 0x1111)
        #expect(Array(sent[0..<2]) == [UInt8(upstreamID >> 8), UInt8(upstreamID & 0xff)])
        #expect(Array(sent.dropFirst(2)) == Array(query.bytes.dropFirst(2)))
        #expect(machine.pendingCount == 1)

        let answer = try self.upstreamAnswer(to: sent)
        let action = machine.receive(answer, now: self.start + .milliseconds(7))
        #expect(
            action == .deliver(to: "client-a", bytes: [0x11, 0x11] + answer.dropFirst(2), elapsed: .milliseconds(7))
        )
        #expect(machine.pendingCount == 0)
        #expect(machine.receive(answer, now: self.start) == .discard(.unknownID))
    }

    @Test("A response whose question differs is dropped and the query stays pending")
    func questionMismatch() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 2)
        let (sent, _) = try self.send(&machine, try self.request("www.google.com", id: 9), from: "c", rng: &rng)
        let spoofed = try self.upstreamAnswer(to: sent, question: DNSQuestion(name: try name("evil.example"), type: .a))
        #expect(machine.receive(spoofed, now: self.start) == .discard(.questionMismatch))
        let wrongType = try self.upstreamAnswer(
            to: sent,
            question: DNSQuestion(name: try name("www.google.com"), type: .aaaa)
        )
        #expect(machine.receive(wrongType, now: self.start) == .discard(.questionMismatch))
        #expect(machine.pendingCount == 1)
        // The upstream may echo the name in another case (DNS 0x20); that still matches.
        let recased = try self.upstreamAnswer(
            to: sent,
            question: DNSQuestion(name: try name("WWW.Google.COM"), type: .a)
        )
        guard case .deliver(let client, _, _) = machine.receive(recased, now: self.start) else {
            Issue.record("expected delivery")
            return
        }
        #expect(client == "c")
    }

    @Test("A response without a question is accepted only as an error")
    func questionlessErrors() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 3)
        let (sent, upstreamID) = try self.send(&machine, try self.request("x.example", id: 4), from: "c", rng: &rng)
        var bare = DNSMessage(header: DNSHeader(id: upstreamID, isResponse: true))
        #expect(machine.receive(bare.encoded(), now: self.start) == .discard(.questionMismatch))
        bare.setResponseCode(.serverFailure)
        guard case .deliver(_, let bytes, _) = machine.receive(bare.encoded(), now: self.start) else {
            Issue.record("expected delivery")
            return
        }
        #expect(try decoded(bytes).header.id == 4)
        #expect(sent.count > 12)
    }

    @Test(
        "Garbage from the upstream is dropped",
        arguments: [[], [1, 2, 3], Array(repeating: 0, count: 12), [0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0]]
    )
    func malformed(bytes: [UInt8]) {
        var machine = Machine()
        #expect(machine.receive(bytes, now: self.start) == .discard(.malformed))
    }

    @Test("Two clients using the same id and question get separate upstream ids and their own answers")
    func sameIDTwoClients() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 4)
        let query = try self.request("www.google.com", id: 77)
        let (sentA, idA) = try self.send(&machine, query, from: "a", rng: &rng)
        let (sentB, idB) = try self.send(&machine, query, from: "b", rng: &rng)
        #expect(idA != idB)
        guard case .deliver(let second, _, _) = machine.receive(try self.upstreamAnswer(to: sentB), now: self.start),
            case .deliver(let first, _, _) = machine.receive(try self.upstreamAnswer(to: sentA), now: self.start)
        else {
            Issue.record("expected two deliveries")
            return
        }
        #expect([first, second] == ["a", "b"])
    }

    @Test("A client's retransmission reuses the pending entry")
    func retransmission() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 5)
        let query = try self.request("www.google.com", id: 8)
        let (first, firstID) = try self.send(&machine, query, from: "a", rng: &rng)
        let (again, againID) = try self.send(&machine, query, from: "a", at: .seconds(1), rng: &rng)
        #expect(firstID == againID)
        #expect(first == again)
        #expect(machine.pendingCount == 1)
    }

    @Test("When the table is full a new query gets SERVFAIL at once")
    func overload() throws {
        var machine = Machine(configuration: .init(capacity: 2))
        var rng = SplitMix64(seed: 6)
        _ = try self.send(&machine, try self.request("a.example", id: 1), from: "c", rng: &rng)
        _ = try self.send(&machine, try self.request("b.example", id: 2), from: "c", rng: &rng)
        let third = try self.request("c.example", id: 3)
        guard case .overloaded(let bytes) = machine.forward(third, from: "c", now: self.start, using: &rng) else {
            Issue.record("expected overload")
            return
        }
        let response = try decoded(bytes)
        #expect(response.header.id == 3)
        #expect(response.responseCode == .serverFailure)
        #expect(response.questions == third.query.questions)
        #expect(machine.pendingCount == 2)
    }

    @Test("Unanswered queries expire after the timeout with SERVFAIL; a late answer is dropped")
    func expiry() throws {
        var machine = Machine(configuration: .init(timeout: .seconds(5)))
        var rng = SplitMix64(seed: 7)
        let (sentA, _) = try self.send(&machine, try self.request("a.example", id: 10), from: "a", rng: &rng)
        _ = try self.send(
            &machine,
            try self.request("b.example", id: 11, transport: .tcp),
            from: "b",
            at: .seconds(2),
            rng: &rng
        )
        #expect(machine.nextDeadline == self.start + .seconds(5))
        #expect(machine.expire(now: self.start + .milliseconds(4999)).isEmpty)

        let expired = machine.expire(now: self.start + .seconds(5))
        #expect(expired.map(\.client) == ["a"])
        #expect(expired.first?.question == DNSQuestion(name: try name("a.example"), type: .a))
        let servFail = try decoded(try #require(expired.first?.response))
        #expect(servFail.header.id == 10)
        #expect(servFail.responseCode == .serverFailure)
        #expect(machine.nextDeadline == self.start + .seconds(7))
        #expect(
            machine.receive(try self.upstreamAnswer(to: sentA), now: self.start + .seconds(6)) == .discard(.unknownID)
        )

        #expect(machine.expire(now: self.start + .seconds(60)).map(\.client) == ["b"])
        #expect(machine.nextDeadline == nil)
        #expect(machine.pendingCount == 0)
    }

    @Test("Answered queries do not expire later")
    func answeredDoNotExpire() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 8)
        let (sent, _) = try self.send(&machine, try self.request("a.example", id: 1), from: "a", rng: &rng)
        _ = machine.receive(try self.upstreamAnswer(to: sent), now: self.start)
        #expect(machine.nextDeadline == nil)
        #expect(machine.expire(now: self.start + .seconds(100)).isEmpty)
    }

    @Test("Giving up on one upstream id answers its client with SERVFAIL")
    func explicitFailure() throws {
        var machine = Machine()
        var rng = SplitMix64(seed: 9)
        let (_, upstreamID) = try self.send(&machine, try self.request("a.example", id: 12), from: "a", rng: &rng)
        let failed = machine.fail(upstreamID: upstreamID)
        let failure = try #require(failed)
        #expect(failure.client == "a")
        #expect(try decoded(failure.response).header.id == 12)
        #expect(machine.fail(upstreamID: upstreamID) == nil)
    }

    @Test("Long runs of forwards, answers and expiries keep ids unique and the table bounded")
    func longRun() throws {
        var machine = Machine(configuration: .init(capacity: 8, timeout: .seconds(1)))
        var rng = SplitMix64(seed: 10)
        // The model: queries sent less than a second ago and not answered yet.
        var inFlight: [(bytes: [UInt8], id: UInt16, step: Int)] = []
        var delivered = 0
        var overloaded = 0
        for step in 0..<5000 {
            let now = self.start + .milliseconds(step)
            _ = machine.expire(now: now)
            inFlight.removeAll { $0.step <= step - 1000 }
            #expect(machine.pendingCount == inFlight.count)
            let query = try self.request("n\(step % 50).example", id: UInt16(step % 7))
            switch machine.forward(query, from: "c\(step % 3)", now: now, using: &rng) {
            case .send(let bytes, let id):
                #expect(!inFlight.contains { $0.id == id }, "upstream ids are unique among pending queries")
                inFlight.append((bytes, id, step))
            case .overloaded:
                overloaded += 1
            }
            // Answer two queries out of three, oldest first.
            if step % 3 != 0, !inFlight.isEmpty {
                let (bytes, _, _) = inFlight.removeFirst()
                if case .deliver = machine.receive(try self.upstreamAnswer(to: bytes), now: now) { delivered += 1 }
            }
            #expect(machine.pendingCount <= 8)
        }
        #expect(delivered > 3000)
        #expect(overloaded > 0)
    }
}
