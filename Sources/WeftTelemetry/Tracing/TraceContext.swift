/// A W3C Trace Context position (`traceparent`, https://www.w3.org/TR/trace-context/ §3.2): which trace a request
/// belongs to, which span is its parent, and whether the trace is sampled.
///
/// Pure: new identifiers come from an injected random number generator (style G4). The agent propagates the
/// header it received as a child span (``child(using:)``) and creates a root when the request carried none or an
/// invalid one (``outgoing(from:sampled:using:)``, issue 7 item 6).
package struct TraceContext: Hashable, Sendable, CustomStringConvertible {
    /// 16 bytes, never all zero.
    package let traceID: TraceID
    /// The 8-byte id of the span that sent this header, never all zero.
    package let parentID: UInt64
    /// `trace-flags`; only bit 0, *sampled*, is defined by version 00.
    package let flags: UInt8

    /// The `sampled` flag (bit 0).
    package static let sampledFlag: UInt8 = 0x01

    /// Fails for an all-zero trace id or parent id, which the specification forbids.
    package init?(traceID: TraceID, parentID: UInt64, flags: UInt8) {
        guard traceID.isValid, parentID != 0 else { return nil }
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// For ids already known to be non-zero.
    init(checked traceID: TraceID, parentID: UInt64, flags: UInt8) {
        assert(traceID.isValid && parentID != 0, "trace and parent ids must not be zero")
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    package var isSampled: Bool { self.flags & Self.sampledFlag != 0 }

    /// A new trace: random trace and span ids, sampled or not as the caller decided.
    package static func root(sampled: Bool, using rng: inout some RandomNumberGenerator) -> TraceContext {
        let traceID = TraceID(high: rng.next(), low: rng.nextNonZero())
        return TraceContext(checked: traceID, parentID: rng.nextNonZero(), flags: sampled ? Self.sampledFlag : 0)
    }

    /// The context to send upstream when this proxy forwards the request: same trace, a new span id for this hop,
    /// and only the flags version 00 defines (the specification has vendors zero the others).
    package func child(using rng: inout some RandomNumberGenerator) -> TraceContext {
        TraceContext(checked: self.traceID, parentID: rng.nextNonZero(), flags: self.flags & Self.sampledFlag)
    }

    /// The context for a forwarded request: a child of the incoming `traceparent` when it is valid, else a new
    /// root (an invalid header is discarded, as the specification requires, never propagated).
    package static func outgoing(
        from incoming: String?,
        sampled: Bool,
        using rng: inout some RandomNumberGenerator
    ) -> TraceContext {
        if let incoming, let parent = try? TraceContext(traceparent: incoming) {
            return parent.child(using: &rng)
        }
        return .root(sampled: sampled, using: &rng)
    }

    /// The version-00 header value: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
    package var traceparent: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(55)
        bytes += Array("00-".utf8)
        LowercaseHex.append(self.traceID.high, digits: 16, to: &bytes)
        LowercaseHex.append(self.traceID.low, digits: 16, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(self.parentID, digits: 16, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LowercaseHex.append(UInt64(self.flags), digits: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    package var description: String { self.traceparent }
}

/// A 16-byte trace id, as two big-endian halves.
package struct TraceID: Hashable, Sendable, CustomStringConvertible {
    package var high: UInt64
    package var low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// All-zero is the specification's invalid value.
    package var isValid: Bool { self.high != 0 || self.low != 0 }

    /// 32 lower-case hex digits.
    package var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        LowercaseHex.append(self.high, digits: 16, to: &bytes)
        LowercaseHex.append(self.low, digits: 16, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
