import WeftCore

extension CorsPolicy {
    /// Decodes `corsPolicy` (IS validation.go `validateCORSPolicy`): origins are string matches (the deprecated
    /// `allowOrigin` list becomes exact matches), methods are case-sensitive HTTP method names, header names are
    /// tokens or `*`, and `maxAge` is a whole number of seconds.
    init(decoding reader: FieldReader) {
        self.init()
        self.allowOrigins =
            reader.objectList("allowOrigins") { StringMatchDecoding.decode($0, in: .corsOrigin) } ?? []
        if let legacy = reader.stringList("allowOrigin") {
            if reader.has("allowOrigins") {
                reader.warning("allowOrigin", "is deprecated and ignored because allowOrigins is set")
            } else {
                reader.warning("allowOrigin", "is deprecated: use allowOrigins (each origin read as an exact match)")
                for (offset, origin) in legacy.enumerated() {
                    if origin.isEmpty {
                        reader.context.error(
                            .invalidValue,
                            at: reader.field("allowOrigin").appending(index: offset),
                            "must not be empty"
                        )
                    } else {
                        self.allowOrigins.append(.exact(origin))
                    }
                }
            }
        }
        if let methods = reader.stringList("allowMethods") {
            for (offset, method) in methods.enumerated() where !HTTPVocabulary.corsMethods.contains(method) {
                reader.context.error(
                    .invalidValue,
                    at: reader.field("allowMethods").appending(index: offset),
                    "\"\(method)\" is not one of \(HTTPVocabulary.corsMethods.joined(separator: ", ")) (methods are case-sensitive)"
                )
            }
            self.allowMethods = methods
        }
        self.allowHeaders = Self.headerNames(reader, "allowHeaders")
        self.exposeHeaders = Self.headerNames(reader, "exposeHeaders")
        if let maxAge = reader.duration("maxAge") {
            if maxAge.components.attoseconds != 0 {
                reader.error("maxAge", "must be a whole number of seconds (got \(GoDuration.format(maxAge)))")
            }
            self.maxAge = maxAge
        }
        self.allowCredentials = reader.bool("allowCredentials")
        if let unmatched = reader.enumValue("unmatchedPreflights", as: UnmatchedPreflights.self) {
            self.unmatchedPreflights = unmatched
        }
    }

    private static func headerNames(_ reader: FieldReader, _ key: String) -> [String] {
        guard let names = reader.stringList(key) else { return [] }
        for (offset, name) in names.enumerated() where name != "*" && !HTTPVocabulary.isToken(name) {
            reader.context.error(
                .invalidValue,
                at: reader.field(key).appending(index: offset),
                name.isEmpty ? "header name must not be empty" : "\"\(name)\" is not a valid header name"
            )
        }
        return names
    }
}
