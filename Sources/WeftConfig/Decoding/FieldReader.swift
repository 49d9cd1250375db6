import WeftCore

/// Reads the fields of one YAML map, remembering which keys were read; `finish()` reports every other key as an
/// unknown field, so a typo such as `retrys` is an error naming `spec.http[0].retrys` (ztunnel.md §7.3).
///
/// Every accessor returns nil both when the key is absent and when its value is invalid; invalid values are
/// reported to the context with their full path. Decoders therefore never stop at the first problem.
final class FieldReader {
    let path: FieldPath
    let context: DecodingContext
    private let pairs: [(key: String, value: YAMLValue)]
    private var readKeys: Set<String> = []

    /// Returns nil (after reporting) when `value` is not a map. A YAML null reads as an empty map.
    init?(_ value: YAMLValue, at path: FieldPath, context: DecodingContext) {
        self.path = path
        self.context = context
        switch value {
        case .mapping(let pairs, _):
            self.pairs = pairs
        case .scalar(_, .null, _):
            self.pairs = []
        default:
            context.error(.wrongType, at: path, "must be a map (got \(value.typeDescription))")
            return nil
        }
    }

    var keys: [String] { self.pairs.map(\.key) }

    func has(_ key: String) -> Bool {
        self.pairs.contains { $0.key == key && !$0.value.isNull }
    }

    /// The raw value of `key`, marking it as read. YAML null counts as absent.
    func raw(_ key: String) -> YAMLValue? {
        guard let value = self.pairs.first(where: { $0.key == key })?.value else { return nil }
        self.readKeys.insert(key)
        return value.isNull ? nil : value
    }

    func field(_ key: String) -> FieldPath { self.path.appending(key) }

    func error(_ key: String, _ message: String, code: ConfigDiagnostic.Code = .invalidValue) {
        self.context.error(code, at: self.field(key), message)
    }

    func warning(_ key: String, _ message: String, code: ConfigDiagnostic.Code = .deprecated) {
        self.context.warning(code, at: self.field(key), message)
    }

    /// Reports a missing required field.
    func missing(_ key: String, _ hint: String = "") {
        self.context.error(.missingField, at: self.field(key), "is required" + (hint.isEmpty ? "" : " (\(hint))"))
    }

    // MARK: - Scalars

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = self.raw(key) else {
            if required { self.missing(key) }
            return nil
        }
        return ScalarReading.string(value, at: self.field(key), context: self.context)
    }

    func int(_ key: String, in range: ClosedRange<Int>? = nil, required: Bool = false) -> Int? {
        guard let value = self.raw(key) else {
            if required { self.missing(key) }
            return nil
        }
        return ScalarReading.int(value, in: range, at: self.field(key), context: self.context)
    }

    func double(_ key: String, in range: ClosedRange<Double>? = nil, required: Bool = false) -> Double? {
        guard let value = self.raw(key) else {
            if required { self.missing(key) }
            return nil
        }
        return ScalarReading.double(value, in: range, at: self.field(key), context: self.context)
    }

    func bool(_ key: String) -> Bool? {
        guard let value = self.raw(key) else { return nil }
        return ScalarReading.bool(value, at: self.field(key), context: self.context)
    }

    /// A Go-syntax duration. By default it must be ≥ 1 ms and a whole number of milliseconds, Istio's rule for
    /// route and policy durations; `allowZero` admits `0s` where Istio does (TCP idleTimeout).
    func duration(
        _ key: String,
        allowZero: Bool = false,
        wholeMilliseconds: Bool = true,
        required: Bool = false
    ) -> Duration? {
        guard let value = self.raw(key) else {
            if required { self.missing(key) }
            return nil
        }
        return ScalarReading.duration(
            value,
            allowZero: allowZero,
            wholeMilliseconds: wholeMilliseconds,
            at: self.field(key),
            context: self.context
        )
    }

    /// A case-sensitive enum value; the error lists what is allowed (`strict` is not `STRICT`).
    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, required: Bool = false) -> E?
    where E.RawValue == String {
        guard let text = self.string(key, required: required) else { return nil }
        return ScalarReading.enumValue(text, as: type, at: self.field(key), context: self.context)
    }

    // MARK: - Collections

    func stringList(_ key: String) -> [String]? {
        self.list(key) { value, path in ScalarReading.string(value, at: path, context: self.context) }
    }

    /// A map of strings (labels, header values). Keys keep their original text.
    func stringMap(_ key: String) -> [String: String]? {
        self.map(key) { value, path in ScalarReading.string(value, at: path, context: self.context) }
    }

    /// A list whose items are decoded by `decode`; invalid items are dropped after being reported.
    func list<T>(_ key: String, _ decode: (YAMLValue, FieldPath) -> T?) -> [T]? {
        guard let value = self.raw(key) else { return nil }
        guard case .sequence(let items, _) = value else {
            self.error(key, "must be a list (got \(value.typeDescription))", code: .wrongType)
            return nil
        }
        var result: [T] = []
        for (index, item) in items.enumerated() {
            if let decoded = decode(item, self.field(key).appending(index: index)) { result.append(decoded) }
        }
        return result
    }

    /// A list of maps, each read by its own `FieldReader`, which is finished (unknown keys reported) afterwards.
    func objectList<T>(_ key: String, _ decode: (FieldReader) -> T?) -> [T]? {
        self.list(key) { item, path in
            guard let reader = FieldReader(item, at: path, context: self.context) else { return nil }
            defer { reader.finish() }
            return decode(reader)
        }
    }

    /// A nested map read by its own `FieldReader`, finished afterwards.
    func object<T>(_ key: String, required: Bool = false, _ decode: (FieldReader) -> T?) -> T? {
        guard let value = self.raw(key) else {
            if required { self.missing(key) }
            return nil
        }
        guard let reader = FieldReader(value, at: self.field(key), context: self.context) else { return nil }
        defer { reader.finish() }
        return decode(reader)
    }

    /// A map with free-form keys whose values are decoded by `decode`.
    func map<T>(_ key: String, _ decode: (YAMLValue, FieldPath) -> T?) -> [String: T]? {
        guard let value = self.raw(key) else { return nil }
        guard case .mapping(let pairs, _) = value else {
            self.error(key, "must be a map (got \(value.typeDescription))", code: .wrongType)
            return nil
        }
        var result: [String: T] = [:]
        for pair in pairs {
            if let decoded = decode(pair.value, self.field(key).appending(pair.key)) { result[pair.key] = decoded }
        }
        return result
    }

    /// A map with free-form keys whose values are maps, each read by its own finished `FieldReader`.
    func objectMap<T>(_ key: String, _ decode: (String, FieldReader) -> T?) -> [String: T]? {
        guard let value = self.raw(key) else { return nil }
        guard case .mapping(let pairs, _) = value else {
            self.error(key, "must be a map (got \(value.typeDescription))", code: .wrongType)
            return nil
        }
        var result: [String: T] = [:]
        for pair in pairs {
            guard let reader = FieldReader(pair.value, at: self.field(key).appending(pair.key), context: self.context)
            else { continue }
            if let decoded = decode(pair.key, reader) { result[pair.key] = decoded }
            reader.finish()
        }
        return result
    }

    // MARK: - Checks

    /// Reports a real Istio field that Weft does not implement yet, if present.
    func unsupported(_ key: String, _ reason: String) {
        if self.raw(key) != nil { self.error(key, reason, code: .unsupported) }
    }

    /// Marks a field as accepted and deliberately ignored (e.g. `gateways: [mesh]`).
    func ignore(_ key: String) {
        _ = self.raw(key)
    }

    /// Reports an error when more than one of `keys` is set; returns the one that is set, if exactly one.
    func oneOf(_ keys: [String], required: Bool = false, what: String = "") -> String? {
        let present = keys.filter { self.has($0) }
        if present.count > 1 {
            self.context.error(
                .invalidValue,
                at: self.path,
                "only one of \(keys.joined(separator: ", ")) may be set (got \(present.joined(separator: " and ")))"
            )
            return nil
        }
        if present.isEmpty {
            if required {
                self.context.error(
                    .missingField,
                    at: self.path,
                    "one of \(keys.joined(separator: ", ")) is required" + (what.isEmpty ? "" : " (\(what))")
                )
            }
            return nil
        }
        return present[0]
    }

    /// Reports every key that no accessor read as an unknown field.
    func finish() {
        for pair in self.pairs where !self.readKeys.contains(pair.key) {
            self.context.error(.unknownField, at: self.field(pair.key), "unknown field")
        }
        self.readKeys = Set(self.pairs.map(\.key))
    }
}
