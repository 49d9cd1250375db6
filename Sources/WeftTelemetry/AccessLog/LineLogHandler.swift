import Logging

/// A swift-log handler that writes every event as one ``LogLine`` (text or JSON) to a ``LineSink``, so the agent's
/// own logs and its access log share one format and one non-interleaving writer.
///
/// The logger's label becomes the line's scope. Metadata is merged handler → provider → event (later wins) and
/// written with keys sorted, since `Logger.Metadata` keeps no order; an event's error is appended as `error`.
/// Make loggers with it explicitly, with no global bootstrap:
///
/// ```swift
/// let logger = Logger(label: "weft.agent") { label in
///     LineLogHandler(label: label, format: .text, sink: FileDescriptorLineSink.standardError)
/// }
/// ```
package struct LineLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat
    private let sink: any LineSink
    private let clock: @Sendable () -> WallClockTime

    package init(
        label: String,
        format: LogFormat,
        sink: any LineSink,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: @escaping @Sendable () -> WallClockTime = WallClockTime.now
    ) {
        self.label = label
        self.format = format
        self.sink = sink
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.clock = clock
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let own = event.metadata {
            merged.merge(own) { _, new in new }
        }
        var fields = merged.sorted { $0.key < $1.key }.map { LogField($0.key, .string($0.value.description)) }
        if let error = event.error {
            fields.append(LogField("error", .string(String(describing: error))))
        }
        let line = LogLine(
            time: self.clock(),
            level: event.level,
            scope: self.label,
            message: event.message.description,
            fields: fields
        )
        self.sink.write(line: line.rendered(self.format))
    }
}
