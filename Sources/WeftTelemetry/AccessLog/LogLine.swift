import Logging

/// One structured log line: time, level, scope, message and ordered fields, rendered as text or JSON.
///
/// Both renderings are pure and always produce exactly one line (no newline inside):
/// - text, Istio's layout: `TIME\tLEVEL\tSCOPE\tMESSAGE\tkey=value key=value`, values quoted only when needed
///   (see ``LogValue``);
/// - JSON: one object per line, keys in a fixed order: `level`, `time`, `scope`, `message`, then the fields in
///   their order.
package struct LogLine: Hashable, Sendable {
    package var time: WallClockTime
    package var level: Logger.Level
    /// ztunnel's tracing target: `access` for access logs.
    package var scope: String
    package var message: String
    package var fields: [LogField]

    package init(time: WallClockTime, level: Logger.Level, scope: String, message: String, fields: [LogField]) {
        self.time = time
        self.level = level
        self.scope = scope
        self.message = message
        self.fields = fields
    }

    /// Istio's level names: `warning` is `warn`, `notice` is `info` and `critical` is `error`.
    package static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: return "trace"
        case .debug: return "debug"
        case .info, .notice: return "info"
        case .warning: return "warn"
        case .error, .critical: return "error"
        }
    }

    /// Renders in the given format, without a trailing newline.
    package func rendered(_ format: LogFormat) -> String {
        switch format {
        case .text: return self.text
        case .json: return self.json
        }
    }

    /// `TIME\tLEVEL\tSCOPE\tMESSAGE\tFIELDS`; the tab before the fields is left out when there are none.
    package var text: String {
        var line = self.time.rfc3339
        line += "\t"
        line += Self.levelName(self.level)
        line += "\t"
        LogEscaping.appendEscapedFreeText(self.scope, to: &line)
        line += "\t"
        LogEscaping.appendEscapedFreeText(self.message, to: &line)
        for (index, field) in self.fields.enumerated() {
            line += index == 0 ? "\t" : " "
            LogEscaping.appendEscapedFreeText(field.key, to: &line)
            line += "="
            field.value.appendText(to: &line)
        }
        return line
    }

    /// One JSON object; the first four keys can never clash with field keys in practice, and are written first.
    package var json: String {
        var line = "{\"level\":\""
        line += Self.levelName(self.level)
        line += "\",\"time\":\""
        line += self.time.rfc3339
        line += "\",\"scope\":"
        LogEscaping.appendJSONString(self.scope, to: &line)
        line += ",\"message\":"
        LogEscaping.appendJSONString(self.message, to: &line)
        for field in self.fields {
            line += ","
            LogEscaping.appendJSONString(field.key, to: &line)
            line += ":"
            field.value.appendJSON(to: &line)
        }
        line += "}"
        return line
    }
}

/// Text or JSON lines (`--log-format` / `accessLogFormat`).
package enum LogFormat: String, Hashable, Sendable, CaseIterable {
    case text
    case json
}

/// One `key=value` of a log line.
package struct LogField: Hashable, Sendable {
    package var key: String
    package var value: LogValue

    package init(_ key: String, _ value: LogValue) {
        self.key = key
        self.value = value
    }
}

/// A field value, typed so that JSON gets numbers as numbers and absent values as `null`.
package enum LogValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case unsigned(UInt64)
    /// Envoy's absent value: `-` in text, `null` in JSON.
    case absent

    /// A string, or ``absent`` for `nil`.
    package static func optional(_ text: String?) -> LogValue {
        text.map(LogValue.string) ?? .absent
    }

    /// A text value is quoted when it is empty or holds a space, `"`, `=`, `\` or a control character, so that
    /// `key=value` pairs split unambiguously on spaces.
    func appendText(to line: inout String) {
        switch self {
        case .string(let text): LogEscaping.appendTextValue(text, to: &line)
        case .integer(let number): line += String(number)
        case .unsigned(let number): line += String(number)
        case .absent: line += "-"
        }
    }

    func appendJSON(to line: inout String) {
        switch self {
        case .string(let text): LogEscaping.appendJSONString(text, to: &line)
        case .integer(let number): line += String(number)
        case .unsigned(let number): line += String(number)
        case .absent: line += "null"
        }
    }
}
