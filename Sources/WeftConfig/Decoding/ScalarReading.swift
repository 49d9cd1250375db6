import WeftCore

/// Reads scalar values at a known path, reporting type and range problems to the context.
enum ScalarReading {
    static func string(_ value: YAMLValue, at path: FieldPath, context: DecodingContext) -> String? {
        switch value {
        case .scalar(let text, let type, _) where type != .null:
            // Numbers and booleans written unquoted are accepted as their text (e.g. a label `version: 2`).
            return text
        default:
            context.error(.wrongType, at: path, "must be a string (got \(value.typeDescription))")
            return nil
        }
    }

    static func int(
        _ value: YAMLValue,
        in range: ClosedRange<Int>?,
        at path: FieldPath,
        context: DecodingContext
    ) -> Int? {
        guard case .scalar(let text, .int, _) = value, let number = Int(text) else {
            context.error(.wrongType, at: path, "must be an integer (got \(Self.describe(value)))")
            return nil
        }
        if let range, !range.contains(number) {
            context.error(
                .invalidValue,
                at: path,
                "must be between \(range.lowerBound) and \(range.upperBound) (got \(number))"
            )
            return nil
        }
        return number
    }

    static func double(
        _ value: YAMLValue,
        in range: ClosedRange<Double>?,
        at path: FieldPath,
        context: DecodingContext
    ) -> Double? {
        guard case .scalar(let text, let type, _) = value, type == .int || type == .float, let number = Double(text)
        else {
            context.error(.wrongType, at: path, "must be a number (got \(Self.describe(value)))")
            return nil
        }
        if let range, !range.contains(number) {
            context.error(
                .invalidValue,
                at: path,
                "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)) (got \(Self.format(number)))"
            )
            return nil
        }
        return number
    }

    static func bool(_ value: YAMLValue, at path: FieldPath, context: DecodingContext) -> Bool? {
        guard case .scalar(let text, .bool, _) = value else {
            context.error(.wrongType, at: path, "must be true or false (got \(Self.describe(value)))")
            return nil
        }
        return ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(text)
    }

    static func duration(
        _ value: YAMLValue,
        allowZero: Bool,
        wholeMilliseconds: Bool,
        at path: FieldPath,
        context: DecodingContext
    ) -> Duration? {
        guard case .scalar(let text, let type, _) = value, type == .string else {
            context.error(
                .wrongType,
                at: path,
                "must be a duration such as \"1.5s\" or \"100ms\" (got \(Self.describe(value)))"
            )
            return nil
        }
        let duration: Duration
        do {
            duration = try GoDuration.parse(text)
        } catch {
            context.error(.invalidValue, at: path, error.description)
            return nil
        }
        if duration < .zero {
            context.error(.invalidValue, at: path, "must not be negative (got \(text))")
            return nil
        }
        if duration == .zero {
            if !allowZero {
                context.error(.invalidValue, at: path, "must be at least 1ms (got \(text))")
                return nil
            }
            return duration
        }
        if wholeMilliseconds {
            if duration < .milliseconds(1) {
                context.error(.invalidValue, at: path, "must be at least 1ms (got \(text))")
                return nil
            }
            if !duration.isWholeMilliseconds {
                context.error(.invalidValue, at: path, "must be a whole number of milliseconds (got \(text))")
                return nil
            }
        }
        return duration
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(
        _ text: String,
        as type: E.Type,
        at path: FieldPath,
        context: DecodingContext
    ) -> E? where E.RawValue == String {
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        var message = "\"\(text)\" is not one of \(allowed)"
        if E(rawValue: text.uppercased()) != nil { message += " (values are case-sensitive: use \(text.uppercased()))" }
        context.error(.invalidValue, at: path, message)
        return nil
    }

    /// Describes a value for "got …" in messages: the text for scalars, the type otherwise.
    static func describe(_ value: YAMLValue) -> String {
        switch value {
        case .scalar(let text, let type, _):
            return type == .string ? "\"\(text)\"" : text
        default:
            return value.typeDescription
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
