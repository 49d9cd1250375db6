import WeftCore

/// Reads Istio `StringMatch` values (`exact` | `prefix` | `regex`) and the header / query-parameter maps of them.
enum StringMatchDecoding {
    /// Where a match sits; the rules for `{}` and for empty values differ by place (IS virtualservice.go
    /// `validateHTTPRouteMatchRequest`, `validateStringMatch`).
    enum Place: Equatable {
        case uri
        case scheme
        case method
        case authority
        case header
        case withoutHeader
        case queryParam
        case corsOrigin

        /// `{}` means "present" only in the maps.
        var allowsPresent: Bool { self == .header || self == .withoutHeader || self == .queryParam }
    }

    static let kinds = ["exact", "prefix", "regex"]

    /// Decodes one match. Returns nil (after reporting) when it is invalid.
    static func decode(_ reader: FieldReader, in place: Place) -> StringMatch? {
        let chosen = reader.oneOf(
            Self.kinds,
            required: !place.allowsPresent,
            what: "an empty match {} means \"present\" only in headers, withoutHeaders and queryParams"
        )
        for kind in Self.kinds where kind != chosen { reader.ignore(kind) }
        guard let chosen else {
            let noneSet = !Self.kinds.contains(where: reader.has)
            return noneSet && place.allowsPresent ? .present : nil
        }
        guard let value = reader.string(chosen) else { return nil }
        switch chosen {
        case "exact":
            if value.isEmpty && place == .corsOrigin { reader.error("exact", "must not be empty") }
            return .exact(value)
        case "prefix":
            // Envoy accepts an empty path prefix (it matches every path) but no other empty prefix.
            if value.isEmpty && place != .uri { reader.error("prefix", "must not be empty") }
            return .prefix(value)
        default:
            if value.isEmpty {
                reader.error("regex", "must not be empty")
                return nil
            }
            // In withoutHeaders, `*` is not a regex: Istio reads it as "the header is present".
            if place == .withoutHeader && value == "*" { return .present }
            if let problem = RE2Syntax.problem(in: value) {
                reader.error("regex", problem)
                return nil
            }
            return .regex(value)
        }
    }

    /// A map from header name to match (`headers`, `withoutHeaders`). Names are stored lower-case, since HTTP
    /// header names are case-insensitive; `@request.auth.claims.*` keys (JWT claim routing) are gateway-only.
    static func headerMap(
        _ reader: FieldReader,
        _ key: String,
        place: Place,
        appliesToMesh: Bool
    )
        -> [String: StringMatch]?
    {
        var seen: [String: String] = [:]
        return Self.map(reader, key, place: place) { name, path in
            if name.isEmpty {
                reader.context.error(.invalidValue, at: path, "header name must not be empty")
                return nil
            }
            if name.hasPrefix("@request.auth.claims") {
                if appliesToMesh {
                    reader.context.error(
                        .unsupported,
                        at: path,
                        "routing on JWT claims is only supported on gateways (Istio rejects it for the mesh)"
                    )
                }
                return name
            }
            guard HTTPVocabulary.pseudoHeaders.contains(name) || HTTPVocabulary.isToken(name) else {
                reader.context.error(.invalidValue, at: path, "\"\(name)\" is not a valid header name")
                return nil
            }
            let lowered = name.lowercased()
            if let first = seen[lowered] {
                reader.context.error(
                    .duplicate,
                    at: path,
                    "header \"\(name)\" is already matched as \"\(first)\" (header names are case-insensitive)"
                )
                return nil
            }
            seen[lowered] = name
            return lowered
        }
    }

    /// `queryParams`: names are case-sensitive and kept as written.
    static func queryParamMap(_ reader: FieldReader) -> [String: StringMatch]? {
        Self.map(reader, "queryParams", place: .queryParam) { name, path in
            if name.isEmpty {
                reader.context.error(.invalidValue, at: path, "query parameter name must not be empty")
                return nil
            }
            return name
        }
    }

    /// Reads `key` as a map of matches; `normalize` checks a key and returns the name to store (nil drops it).
    private static func map(
        _ reader: FieldReader,
        _ key: String,
        place: Place,
        normalize: (String, FieldPath) -> String?
    ) -> [String: StringMatch]? {
        guard let raw = reader.raw(key) else { return nil }
        guard case .mapping(let pairs, _) = raw else {
            reader.error(key, "must be a map (got \(raw.typeDescription))", code: .wrongType)
            return nil
        }
        var result: [String: StringMatch] = [:]
        for pair in pairs {
            let path = reader.field(key).appending(pair.key)
            // `end-user:` with nothing after it is null, not `{}`; Istio rejects it.
            if pair.value.isNull {
                reader.context.error(
                    .wrongType,
                    at: path,
                    "must be a match such as {exact: value}, or {} for \"present\" (got null)"
                )
                continue
            }
            guard let match = FieldReader(pair.value, at: path, context: reader.context) else { continue }
            defer { match.finish() }
            guard let stored = normalize(pair.key, path) else {
                for kind in Self.kinds { match.ignore(kind) }
                continue
            }
            if let decoded = Self.decode(match, in: place) { result[stored] = decoded }
        }
        return result
    }
}
