import NIOCore
import NIOEmbedded
import Testing
import WeftHBONE

@Suite("Byte splice")
struct ByteSpliceTests {
    struct Pair {
        let loop = EmbeddedEventLoop()
        let aReads = ReadRecorder()
        let bReads = ReadRecorder()
        let aHalfClose = HalfCloseRecorder()
        let bHalfClose = HalfCloseRecorder()
        let a: EmbeddedChannel
        let b: EmbeddedChannel
        let totals: EventLoopFuture<ByteSplice.Totals>

        init() throws {
            self.a = try EmbeddedChannel.active([self.aReads, self.aHalfClose], loop: self.loop)
            self.b = try EmbeddedChannel.active([self.bReads, self.bHalfClose], loop: self.loop)
            self.totals = try ByteSplice.join(self.a, self.b)
        }
    }

    @Test("Bytes are forwarded both ways and counted per direction")
    func forwards() throws {
        let pair = try Pair()
        try pair.a.writeInbound(ByteBuffer(string: "hello"))
        try pair.b.writeInbound(ByteBuffer(string: "hi"))
        try pair.a.writeInbound(ByteBuffer(string: ", world"))
        #expect(try pair.b.drainOutboundText() == "hello, world")
        #expect(try pair.a.drainOutboundText() == "hi")
        try pair.a.close().wait()
        pair.loop.run()
        #expect(pair.totals.peekValue() == ByteSplice.Totals(firstToSecond: 12, secondToFirst: 2))
    }

    @Test("No read is passed on while the partner is not writable; the held read resumes when it is")
    func backpressure() throws {
        let pair = try Pair()
        pair.b.isWritable = false
        pair.b.pipeline.fireChannelWritabilityChanged()
        let before = pair.aReads.reads
        pair.a.read()
        pair.a.read()
        #expect(pair.aReads.reads == before, "a slow partner must stop reads on this side")
        pair.b.isWritable = true
        pair.b.pipeline.fireChannelWritabilityChanged()
        #expect(pair.aReads.reads == before + 1, "exactly the one held read is replayed")
        // The other direction was never throttled.
        pair.b.read()
        #expect(pair.bReads.reads > 0)
    }

    @Test("End of input on one side half-closes the other after its pending writes")
    func halfClose() throws {
        let pair = try Pair()
        try pair.a.writeInbound(ByteBuffer(string: "last words"))
        pair.a.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try pair.b.drainOutboundText() == "last words")
        #expect(pair.bHalfClose.outputClosed)
        #expect(!pair.aHalfClose.outputClosed)
        // The other direction still flows.
        try pair.b.writeInbound(ByteBuffer(string: "reply"))
        #expect(try pair.a.drainOutboundText() == "reply")
        #expect(pair.a.isActive && pair.b.isActive)
    }

    @Test("A side that closes after both directions ended cleanly leaves the other to finish on its own")
    func cleanClose() throws {
        let pair = try Pair()
        pair.a.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        pair.b.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        try pair.a.close().wait()
        #expect(pair.b.isActive, "b still flushes what it owes before it closes itself")
    }

    @Test("A side that closes before its input ended aborts the other")
    func abort() throws {
        let pair = try Pair()
        try pair.b.writeInbound(ByteBuffer(string: "unfinished"))
        try pair.a.close().wait()
        #expect(!pair.b.isActive)
    }

    @Test("An error on one side closes it, which aborts the other")
    func errorCloses() throws {
        struct Reset: Error {}
        let pair = try Pair()
        pair.a.pipeline.fireErrorCaught(Reset())
        #expect(!pair.a.isActive)
        #expect(!pair.b.isActive)
    }
}
