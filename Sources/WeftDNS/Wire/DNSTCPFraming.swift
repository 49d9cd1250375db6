/// DNS over TCP: each message is preceded by its length as two big-endian bytes (RFC 1035 §4.2.2, RFC 7766 §8).
package enum DNSTCPFraming {
    /// The message with its length prefix, or nil when it is longer than 65535 bytes.
    package static func frame(_ message: [UInt8]) -> [UInt8]? {
        guard message.count <= DNSMessage.maximumTCPMessageSize else { return nil }
        return [UInt8(truncatingIfNeeded: message.count >> 8), UInt8(truncatingIfNeeded: message.count)] + message
    }

    /// The first complete frame in `bytes`: its message and how many bytes (prefix included) it used, or nil when
    /// more bytes are needed.
    package static func firstFrame(in bytes: ArraySlice<UInt8>) -> (message: [UInt8], consumed: Int)? {
        guard bytes.count >= 2 else { return nil }
        let start = bytes.startIndex
        let length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
        guard bytes.count - 2 >= length else { return nil }
        return (Array(bytes[(start + 2)..<(start + 2 + length)]), 2 + length)
    }
}

/// Reassembles length-prefixed messages from a TCP byte stream, however the stream is split into reads; several
/// queries may arrive back to back on one connection (RFC 7766 §6.2.1.1 pipelining).
///
/// The buffer holds at most one incomplete frame (≤ 65537 bytes) plus whatever was appended since the last drain:
/// call `nextMessage()` until it returns nil after each `append`. A zero-length frame yields an empty message,
/// which the resolver answers with FORMERR.
package struct DNSTCPFrameBuffer: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    package init() {}

    /// Bytes received but not yet returned as messages.
    package var bufferedByteCount: Int { self.buffer.count - self.start }

    package mutating func append(_ bytes: some Sequence<UInt8>) {
        self.buffer.append(contentsOf: bytes)
    }

    /// The next complete message, or nil until more bytes arrive.
    package mutating func nextMessage() -> [UInt8]? {
        guard let frame = DNSTCPFraming.firstFrame(in: self.buffer[self.start...]) else {
            self.compact()
            return nil
        }
        self.start += frame.consumed
        return frame.message
    }

    /// Drops consumed bytes so that a long-lived connection does not grow the buffer.
    private mutating func compact() {
        guard self.start > 0 else { return }
        self.buffer.removeFirst(self.start)
        self.start = 0
    }
}
