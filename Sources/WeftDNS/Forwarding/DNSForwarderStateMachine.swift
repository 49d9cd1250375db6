/// Tracks the queries relayed to the upstream resolver and matches its responses back to the clients (G3: a value
/// that returns actions; the server in WeftProxy does the I/O and owns the clock and the RNG).
///
/// Each forwarded query gets a fresh random upstream id, unique among the pending ones, so that clients that happen
/// to use the same id do not collide on the shared upstream socket and so that an off-path attacker must guess the
/// id (RFC 5452 §9.2). A response is accepted only when its id is pending and its question matches the query's
/// (name ignoring case, type, class); a response without a question is accepted only as an error (non-NOERROR),
/// the form some servers use for FORMERR/SERVFAIL/REFUSED. The accepted response goes back with the client's
/// original id and is otherwise unchanged.
///
/// The pending table is bounded (`capacity`): when it is full, a new query is answered SERVFAIL at once instead of
/// pushing out older ones. A query not answered within `timeout` expires and its client gets SERVFAIL. A client
/// that retransmits a query still pending (same client, id and question) reuses the pending entry.
///
/// Driving it, per upstream socket (pin the value to one event loop, or guard it with a lock):
/// ```swift
/// switch machine.forward(request, from: clientAddress, now: .now, using: &rng) {
/// case .send(let bytes, _): write bytes to the upstream (same transport as request.transport)
/// case .overloaded(let servFail): write servFail to the client
/// }
/// // on each upstream datagram / frame:
/// if case .deliver(let client, let bytes, let elapsed) = machine.receive(bytes, now: .now) { write to client }
/// // on a timer (machine.nextDeadline):
/// for expired in machine.expire(now: .now) { write expired.response to expired.client }
/// ```
package struct DNSForwarderStateMachine<Client: Hashable & Sendable>: Sendable {
    package typealias Configuration = DNSForwarderConfiguration

    /// What to do with a query to forward.
    package enum ForwardAction: Hashable, Sendable {
        /// Send these bytes (the query with `upstreamID`) to the upstream.
        case send([UInt8], upstreamID: UInt16)
        /// The pending table is full: send this SERVFAIL to the client.
        case overloaded([UInt8])
    }

    /// What to do with bytes received from the upstream.
    package enum ResponseAction: Hashable, Sendable {
        /// Send `bytes` (the response with the client's id) to `client`; `elapsed` since the query was forwarded
        /// is for `istio_dns_upstream_request_duration_seconds`.
        case deliver(to: Client, bytes: [UInt8], elapsed: Duration)
        /// Drop the bytes.
        case discard(DiscardReason)
    }

    /// Why upstream bytes were dropped.
    package enum DiscardReason: Hashable, Sendable {
        /// Not a response with a readable header and first question.
        case malformed
        /// No pending query has this id (late after expiry, duplicate, or spoofed).
        case unknownID
        /// The id is pending but the question differs (spoofed or confused upstream); the query stays pending.
        case questionMismatch
    }

    /// A query that the upstream failed to answer.
    package struct Failure: Hashable, Sendable {
        package var client: Client
        package var question: DNSQuestion?
        /// SERVFAIL with the client's id, to send to the client.
        package var response: [UInt8]
    }

    private struct Pending: Sendable {
        var client: Client
        var query: DNSMessage
        var transport: DNSTransport
        var sentAt: ContinuousClock.Instant
        var deadline: ContinuousClock.Instant
        var serial: UInt64
        var retransmitKey: RetransmitKey
    }

    private struct RetransmitKey: Hashable, Sendable {
        var client: Client
        var id: UInt16
        var question: DNSQuestion?
    }

    private struct Expiry: Sendable {
        var upstreamID: UInt16
        var serial: UInt64
        var deadline: ContinuousClock.Instant
    }

    package let configuration: Configuration
    private var pending: [UInt16: Pending] = [:]
    private var byRetransmitKey: [RetransmitKey: UInt16] = [:]
    /// Deadlines in forwarding order (the timeout is constant, so also in deadline order); entries whose query
    /// already completed are skipped when they reach the head.
    private var expiries: [Expiry] = []
    private var expiryHead = 0
    private var nextSerial: UInt64 = 0

    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Queries awaiting an upstream answer.
    package var pendingCount: Int { self.pending.count }

    /// When `expire(now:)` next has work, if anything is pending.
    package var nextDeadline: ContinuousClock.Instant? {
        self.expiries[self.expiryHead...].first { self.isLive($0) }?.deadline
    }

    /// Registers a query to forward and returns the bytes to send upstream.
    package mutating func forward(
        _ request: DNSForwardRequest,
        from client: Client,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> ForwardAction {
        let key = RetransmitKey(
            client: client,
            id: request.query.header.id,
            question: request.query.questions.first.map {
                DNSQuestion(name: $0.name.lowercased(), type: $0.type, questionClass: $0.questionClass)
            }
        )
        if let upstreamID = self.byRetransmitKey[key] {
            return .send(DNSUpstreamResponse.replacingID(of: request.bytes, with: upstreamID), upstreamID: upstreamID)
        }
        guard self.pending.count < self.configuration.capacity else {
            return .overloaded(DNSResponseBuilder.serverFailure(to: request.query, over: request.transport))
        }
        let upstreamID = self.freeID(using: &rng)
        let deadline = now.advanced(by: self.configuration.timeout)
        self.nextSerial &+= 1
        self.pending[upstreamID] = Pending(
            client: client,
            query: request.query,
            transport: request.transport,
            sentAt: now,
            deadline: deadline,
            serial: self.nextSerial,
            retransmitKey: key
        )
        self.byRetransmitKey[key] = upstreamID
        self.expiries.append(Expiry(upstreamID: upstreamID, serial: self.nextSerial, deadline: deadline))
        self.compactExpiries()
        return .send(DNSUpstreamResponse.replacingID(of: request.bytes, with: upstreamID), upstreamID: upstreamID)
    }

    /// Matches bytes from the upstream to a pending query.
    package mutating func receive(_ bytes: [UInt8], now: ContinuousClock.Instant) -> ResponseAction {
        guard let response = DNSUpstreamResponse(bytes) else { return .discard(.malformed) }
        guard let entry = self.pending[response.id] else { return .discard(.unknownID) }
        if let question = response.question {
            guard let asked = entry.query.questions.first, question.matches(asked) else {
                return .discard(.questionMismatch)
            }
        } else if response.header.responseCodeLow == 0 && !entry.query.questions.isEmpty {
            return .discard(.questionMismatch)
        }
        self.remove(response.id)
        let bytes = DNSUpstreamResponse.replacingID(of: bytes, with: entry.query.header.id)
        return .deliver(to: entry.client, bytes: bytes, elapsed: entry.sentAt.duration(to: now))
    }

    /// Removes the queries whose deadline has passed and returns the SERVFAIL each client is owed.
    package mutating func expire(now: ContinuousClock.Instant) -> [Failure] {
        var failures: [Failure] = []
        while self.expiryHead < self.expiries.count {
            let expiry = self.expiries[self.expiryHead]
            if self.isLive(expiry) {
                guard expiry.deadline <= now else { break }
                if let failure = self.fail(upstreamID: expiry.upstreamID) { failures.append(failure) }
            }
            self.expiryHead += 1
        }
        self.compactExpiries()
        return failures
    }

    /// Gives up on one query at once (the upstream was unreachable, its TCP connection closed before answering).
    package mutating func fail(upstreamID: UInt16) -> Failure? {
        guard let entry = self.pending[upstreamID] else { return nil }
        self.remove(upstreamID)
        return Failure(
            client: entry.client,
            question: entry.query.questions.first,
            response: DNSResponseBuilder.serverFailure(to: entry.query, over: entry.transport)
        )
    }

    // MARK: - Private

    private mutating func remove(_ upstreamID: UInt16) {
        guard let entry = self.pending.removeValue(forKey: upstreamID) else { return }
        self.byRetransmitKey[entry.retransmitKey] = nil
    }

    private func isLive(_ expiry: Expiry) -> Bool {
        self.pending[expiry.upstreamID]?.serial == expiry.serial
    }

    /// A random id not in use. The table holds at most 65535 entries, so a free id always exists; after a few
    /// random tries (almost always the first one succeeds) it walks up from a random start.
    private func freeID(using rng: inout some RandomNumberGenerator) -> UInt16 {
        for _ in 0..<8 {
            let candidate = UInt16.random(in: .min ... .max, using: &rng)
            if self.pending[candidate] == nil { return candidate }
        }
        var candidate = UInt16.random(in: .min ... .max, using: &rng)
        while self.pending[candidate] != nil { candidate &+= 1 }
        return candidate
    }

    /// Keeps the deadline queue proportional to the pending table: drops the consumed head, and rebuilds the queue
    /// from live entries when completed ones pile up behind a long-lived head.
    private mutating func compactExpiries() {
        if self.expiryHead > 64 && self.expiryHead * 2 > self.expiries.count {
            self.expiries.removeFirst(self.expiryHead)
            self.expiryHead = 0
        }
        if self.expiries.count - self.expiryHead > 2 * self.configuration.capacity + 64 {
            self.expiries = self.expiries[self.expiryHead...].filter { self.isLive($0) }
            self.expiryHead = 0
        }
    }
}

/// Bounds and timing of `DNSForwarderStateMachine`.
package struct DNSForwarderConfiguration: Hashable, Sendable {
    /// Most queries awaiting an upstream answer at once (clamped to 1…65535, the id space).
    package var capacity: Int
    /// How long to wait for the upstream. 5 s: the glibc resolver's default per-try timeout (`timeout:5`),
    /// so the client gives up at about the same time.
    package var timeout: Duration

    package static let defaultCapacity = 1024
    package static let defaultTimeout = Duration.seconds(5)

    package init(
        capacity: Int = DNSForwarderConfiguration.defaultCapacity,
        timeout: Duration = DNSForwarderConfiguration.defaultTimeout
    ) {
        self.capacity = min(max(capacity, 1), Int(UInt16.max))
        self.timeout = timeout
    }
}
