import NIOCore

/// Joins two byte channels into a bidirectional relay (`ByteSpliceHandler` pair) and reports what crossed it.
///
/// Both channels must be on one event loop and carry `ByteBuffer`s (put `HBONEStreamByteCodec` in front of an
/// HBONE stream). Reading is switched on for both once the halves are in place, so a channel opened with
/// `autoRead` off loses nothing that arrived before the relay existed.
package enum ByteSplice {
    /// Bytes that crossed a finished relay.
    package struct Totals: Hashable, Sendable {
        /// Read from the first channel and written to the second.
        package var firstToSecond: Int
        /// Read from the second channel and written to the first.
        package var secondToFirst: Int

        package init(firstToSecond: Int, secondToFirst: Int) {
            self.firstToSecond = firstToSecond
            self.secondToFirst = secondToFirst
        }
    }

    /// Adds the relay halves (last in each pipeline) and, unless told otherwise, turns reading on. Must be called
    /// on the channels' event loop. The returned future completes when both channels have closed.
    ///
    /// - Parameter startReading: false when the caller still has to replay data it held back; it must then call
    ///   `startReading(_:)` on both channels itself.
    package static func join(
        _ first: any Channel,
        _ second: any Channel,
        startReading: Bool = true,
        onFirstForward: ((Int) -> Void)? = nil,
        onSecondForward: ((Int) -> Void)? = nil
    ) throws -> EventLoopFuture<Totals> {
        precondition(
            first.eventLoop === second.eventLoop,
            "ByteSplice joins channels of one event loop; dial the partner on the same loop"
        )
        first.eventLoop.preconditionInEventLoop()
        let (firstHalf, secondHalf) = ByteSpliceHandler.matchedPair(
            onFirstForward: onFirstForward,
            onSecondForward: onSecondForward
        )
        try first.pipeline.syncOperations.addHandler(firstHalf)
        try second.pipeline.syncOperations.addHandler(secondHalf)
        let totals = first.closeFuture.and(second.closeFuture).assumeIsolated().map { _ in
            Totals(firstToSecond: firstHalf.bytesForwarded, secondToFirst: secondHalf.bytesForwarded)
        }.nonisolated()
        if startReading {
            Self.startReading(first)
            Self.startReading(second)
        }
        return totals
    }

    /// Turns `autoRead` on, or asks for a read when it already is on.
    package static func startReading(_ channel: any Channel) {
        let options = channel.syncOptions
        if let autoRead = try? options?.getOption(ChannelOptions.autoRead), !autoRead {
            try? options?.setOption(ChannelOptions.autoRead, value: true)
        } else {
            channel.read()
        }
    }
}
