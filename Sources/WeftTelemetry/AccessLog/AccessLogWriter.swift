/// Writes access-log lines for connections and requests in one format to one sink.
///
/// Formatting is the pure ``ConnectionAccessRecord`` / ``RequestAccessRecord`` → ``LogLine`` step; this type
/// only stamps the time (from an injected clock) and hands the rendered line to the sink, which keeps lines whole.
///
/// ```swift
/// let accessLog = AccessLogWriter(format: .json, sink: FileDescriptorLineSink.standardOutput)
/// accessLog.connectionOpened(record)
/// accessLog.connectionClosed(record, ConnectionOutcome(bytes: bytes, duration: elapsed))
/// ```
package final class AccessLogWriter: Sendable {
    package let format: LogFormat
    private let sink: any LineSink
    private let clock: @Sendable () -> WallClockTime

    package init(
        format: LogFormat,
        sink: any LineSink,
        clock: @escaping @Sendable () -> WallClockTime = WallClockTime.now
    ) {
        self.format = format
        self.sink = sink
        self.clock = clock
    }

    /// Writes ztunnel's `connection opened` line.
    package func connectionOpened(_ record: ConnectionAccessRecord) {
        self.write(record.opened(at: self.clock()))
    }

    /// Writes ztunnel's `connection complete` line.
    package func connectionClosed(_ record: ConnectionAccessRecord, _ outcome: ConnectionOutcome) {
        self.write(record.closed(outcome, at: self.clock()))
    }

    /// Writes the `request complete` line of one HTTP request.
    package func requestCompleted(_ record: RequestAccessRecord) {
        self.write(record.line(at: self.clock()))
    }

    /// Writes any prepared line in this writer's format.
    package func write(_ line: LogLine) {
        self.sink.write(line: line.rendered(self.format))
    }
}
