/// A W3C Trace Context `traceparent` header (https://www.w3.org/TR/trace-context/ §3.2):
/// `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
///
/// HBONE clients send a random one per tunnelled connection so both agents' logs can be joined ("tracing of
/// connections", not of application requests; ztunnel.md §2.4). Randomness is a parameter (style G4).
package struct TraceParent: Hashable, Sendable, CustomStringConvertible {
    package var version: UInt8
    /// Never zero.
    package var traceID: UInt128
    /// Never zero.
    package var parentID: UInt64
    /// Bit 0 is `sampled`; ztunnel sends `00`.
    package var flags: UInt8

    /// Why a header value is not a usable `traceparent`.
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed(String)
        case invalidVersion(String)
        case zeroTraceID(String)
        case zeroParentID(String)

        package var description: String {
            switch self {
            case .malformed(let text):
                return "traceparent \"\(text)\" is malformed (expected 00-<32 hex>-<16 hex>-<2 hex>, lower case)"
            case .invalidVersion(let text): return "traceparent \"\(text)\" has the invalid version ff"
            case .zeroTraceID(let text): return "traceparent \"\(text)\" has an all-zero trace id"
            case .zeroParentID(let text): return "traceparent \"\(text)\" has an all-zero parent id"
            }
        }
    }

    package init(version: UInt8 = 0, traceID: UInt128, parentID: UInt64, flags: UInt8 = 0) {
        precondition(traceID != 0 && parentID != 0, "W3C trace context ids must not be zero")
        self.version = version
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// A fresh version-00 context with random non-zero ids.
    package static func random(using generator: inout some RandomNumberGenerator, flags: UInt8 = 0) -> TraceParent {
        var traceID: UInt128 = 0
        while traceID == 0 {
            traceID = UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)
        }
        var parentID: UInt64 = 0
        while parentID == 0 {
            parentID = generator.next()
        }
        return TraceParent(traceID: traceID, parentID: parentID, flags: flags)
    }

    /// Parses a header value. Version 00 must be exactly 55 characters; a higher version may carry more fields
    /// after a `-`, which are ignored as the specification asks. Hex must be lower case.
    package init(parsing text: String) throws(ParseError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
            bytes[52] == UInt8(ascii: "-"),
            let version = Self.hex(bytes[0..<2]), let traceID = Self.hex(bytes[3..<35]),
            let parentID = Self.hex(bytes[36..<52]), let flags = Self.hex(bytes[53..<55])
        else { throw .malformed(text) }
        guard version != 0xff else { throw .invalidVersion(text) }
        if version == 0 {
            guard bytes.count == 55 else { throw .malformed(text) }
        } else if bytes.count > 55 {
            guard bytes[55] == UInt8(ascii: "-") else { throw .malformed(text) }
        }
        guard traceID != 0 else { throw .zeroTraceID(text) }
        guard parentID != 0 else { throw .zeroParentID(text) }
        self.version = UInt8(version)
        self.traceID = traceID
        self.parentID = UInt64(parentID)
        self.flags = UInt8(flags)
    }

    package var isSampled: Bool { self.flags & 1 == 1 }

    /// `00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01`.
    package var description: String {
        Self.hex(UInt128(self.version), width: 2) + "-" + Self.hex(self.traceID, width: 32) + "-"
            + Self.hex(UInt128(self.parentID), width: 16) + "-" + Self.hex(UInt128(self.flags), width: 2)
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> UInt128? {
        var value: UInt128 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt128(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt128(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }

    private static func hex(_ value: UInt128, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
