import WeftCore

extension Headers {
    /// Decodes `headers: {request: {set, add, remove}, response: {...}}` (route level or per destination).
    init(decoding reader: FieldReader) {
        self.init()
        if let request = reader.object("request", { HeaderOperations(decoding: $0, isRequest: true) }) {
            self.request = request
        }
        if let response = reader.object("response", { HeaderOperations(decoding: $0, isRequest: false) }) {
            self.response = response
        }
    }
}

extension HeaderOperations {
    /// Decodes `set`, `add` and `remove`. Names are stored lower-case (HTTP header names are case-insensitive).
    ///
    /// Istio's rules (IS validation.go `ValidateHTTPHeaderWithAuthorityOperationName`,
    /// `ValidateHTTPHeaderOperationName`): no pseudo-headers (`:path`…), except that a request may set or add
    /// `:authority` / `host`; `host` may not be removed or appear in responses.
    init(decoding reader: FieldReader, isRequest: Bool) {
        self.init()
        self.set = Self.values(reader, "set", isRequest: isRequest) ?? [:]
        self.add = Self.values(reader, "add", isRequest: isRequest) ?? [:]
        if let names = reader.stringList("remove") {
            for (offset, name) in names.enumerated() {
                let path = reader.field("remove").appending(index: offset)
                if let problem = Self.nameProblem(name, allowsAuthority: false) {
                    reader.context.error(.invalidValue, at: path, problem)
                } else {
                    self.remove.append(name.lowercased())
                }
            }
        }
    }

    private static func values(_ reader: FieldReader, _ key: String, isRequest: Bool) -> [String: String]? {
        guard let raw = reader.raw(key) else { return nil }
        guard case .mapping(let pairs, _) = raw else {
            reader.error(key, "must be a map (got \(raw.typeDescription))", code: .wrongType)
            return nil
        }
        var seen: [String: String] = [:]
        var result: [String: String] = [:]
        for pair in pairs {
            let path = reader.field(key).appending(pair.key)
            guard let text = ScalarReading.string(pair.value, at: path, context: reader.context) else { continue }
            if let problem = Self.nameProblem(pair.key, allowsAuthority: isRequest) {
                reader.context.error(.invalidValue, at: path, problem)
                continue
            }
            if let problem = HTTPVocabulary.headerValueProblem(text) {
                reader.context.error(.invalidValue, at: path, problem)
                continue
            }
            let lowered = pair.key.lowercased()
            if let first = seen[lowered] {
                reader.context.error(
                    .duplicate,
                    at: path,
                    "header \"\(pair.key)\" is already listed as \"\(first)\" (header names are case-insensitive)"
                )
                continue
            }
            seen[lowered] = pair.key
            result[lowered] = text
        }
        return result
    }

    /// Why a header cannot be manipulated, or nil.
    static func nameProblem(_ name: String, allowsAuthority: Bool) -> String? {
        if name.isEmpty { return "header name must not be empty" }
        let isAuthority = name.lowercased() == ":authority" || name.lowercased() == "host"
        if allowsAuthority && isAuthority { return nil }
        if name.lowercased() == "host" { return "the Host header cannot be changed here (use rewrite.authority)" }
        if name.hasPrefix(":") { return "pseudo-header \"\(name)\" cannot be changed" }
        return nil
    }
}
