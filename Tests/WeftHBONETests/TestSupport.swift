import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Synchronization
import WeftHBONE

/// Counts `read()` calls that reach it; put it first in a pipeline to see which reads get through.
final class ReadRecorder: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var reads = 0

    func read(context: ChannelHandlerContext) {
        self.reads += 1
        context.read()
    }
}

/// Records `close(mode: .output)` and keeps the channel open (EmbeddedChannel only knows full closes).
final class HalfCloseRecorder: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var outputClosed = false

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .output {
            self.outputClosed = true
            promise?.succeed(())
        } else {
            context.close(mode: mode, promise: promise)
        }
    }
}

/// A thread-safe counter for callbacks that must be `@Sendable`.
final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() { self.value.withLock { $0 += 1 } }
    var count: Int { self.value.withLock { $0 } }
}

extension HTTP2Frame.FramePayload {
    static func requestHeaders(_ pairs: [(String, String)], endStream: Bool = false) -> Self {
        .headers(.init(headers: HPACKHeaders(pairs), endStream: endStream))
    }

    static func connect(_ authority: String) -> Self {
        .requestHeaders([(":method", "CONNECT"), (":authority", authority)])
    }

    static func bytes(_ text: String, endStream: Bool = false) -> Self {
        .data(.init(data: .byteBuffer(ByteBuffer(string: text)), endStream: endStream))
    }

    /// `:status` and END_STREAM of a HEADERS payload; nil for anything else.
    var responseStatus: (status: String?, endStream: Bool)? {
        guard case .headers(let headers) = self else { return nil }
        return (headers.headers.first(name: ":status"), headers.endStream)
    }

    /// Text and END_STREAM of a DATA payload; nil for anything else.
    var dataText: (text: String, endStream: Bool)? {
        guard case .data(let data) = self, case .byteBuffer(let buffer) = data.data else { return nil }
        return (String(buffer: buffer), data.endStream)
    }
}

extension EmbeddedChannel {
    /// An active channel on `loop` with the given handlers.
    static func active(_ handlers: [any ChannelHandler], loop: EmbeddedEventLoop) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handlers: handlers, loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// Every outbound payload written so far.
    func drainOutboundPayloads() throws -> [HTTP2Frame.FramePayload] {
        var payloads: [HTTP2Frame.FramePayload] = []
        while let payload = try self.readOutbound(as: HTTP2Frame.FramePayload.self) {
            payloads.append(payload)
        }
        return payloads
    }

    /// Every outbound byte written so far, as text.
    func drainOutboundText() throws -> String {
        var text = ""
        while let buffer = try self.readOutbound(as: ByteBuffer.self) {
            text += String(buffer: buffer)
        }
        return text
    }
}

extension EventLoopFuture {
    /// The result when the future has already completed (an embedded loop runs callbacks at once), else nil.
    func peek() -> Result<Value, any Error>? {
        var result: Result<Value, any Error>?
        self.assumeIsolated().whenComplete { result = $0 }
        return result
    }

    /// The value when the future has already succeeded, else nil.
    func peekValue() -> Value? {
        try? self.peek()?.get()
    }

    /// The error when the future has already failed, else nil.
    func peekError() -> (any Error)? {
        if case .failure(let error) = self.peek() { return error }
        return nil
    }
}
