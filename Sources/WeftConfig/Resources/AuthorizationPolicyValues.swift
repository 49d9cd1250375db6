import WeftCore

/// Value-level checks of AuthorizationPolicy fields, following Istio's webhook (`pkg/config/validation` and
/// `pkg/config/security`): no empty strings, ports 0–65535 written as text, IP blocks that parse (non-canonical
/// CIDRs such as `5.6.7.1/24` are fine, a prefix longer than the address is not), `namespace/name` service accounts.
enum AuthorizationPolicyValues {
    /// The `istio.io/dry-run` annotation, read as Go's `strconv.ParseBool` reads it (Istio's parser).
    static func dryRun(_ annotations: [String: String], context: DecodingContext) -> Bool {
        guard let text = annotations["istio.io/dry-run"] else { return false }
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default:
            context.error(
                .invalidValue,
                at: FieldPath([.key("metadata"), .key("annotations"), .key("istio.io/dry-run")]),
                "must be \"true\" or \"false\" (got \"\(text)\")"
            )
            return false
        }
    }

    /// How a rule behaves when it uses a field Weft never sees (ztunnel.md §5.2), for warnings.
    static func consequence(of action: AuthorizationPolicy.Action) -> String {
        action == .deny
            ? "this DENY rule ignores it and matches more requests (fails closed)"
            : "this ALLOW rule never matches"
    }

    /// How many items a list field has as written; nil when it is absent, null, or not a list.
    static func count(_ reader: FieldReader, _ key: String) -> Int? {
        guard reader.has(key), case .sequence(let items, _)? = reader.raw(key) else { return nil }
        return items.count
    }

    /// A map entry of a list (`rules[]`, `from[]`, `when[]`); a null entry is an error rather than an empty map.
    static func entry(_ value: YAMLValue, at path: FieldPath, context: DecodingContext, what: String) -> FieldReader? {
        if value.isNull {
            context.error(.invalidValue, at: path, "must not be null (write {} for \(what) that matches everything)")
            return nil
        }
        return FieldReader(value, at: path, context: context)
    }

    /// `from: [{source: …}]` / `to: [{operation: …}]`: the list, when written, must not be empty, and each entry
    /// needs its non-empty inner object.
    static func entries<T>(
        _ rule: FieldReader,
        _ key: String,
        inner: String,
        what: String,
        _ decode: (FieldReader) -> T
    ) -> [T]? {
        if Self.count(rule, key) == 0 {
            rule.error(key, "must not be empty (leave it out to match any \(what.dropLast()))")
        }
        return rule.list(key) { value, path in
            guard let entry = Self.entry(value, at: path, context: rule.context, what: "an entry") else { return nil }
            defer { entry.finish() }
            return entry.object(inner, required: true) { decode($0) }
        }
    }

    /// Reports an empty `source` / `operation`: Istio rejects it (leaving the list out is what matches anything).
    static func requireSomeField(_ reader: FieldReader, of keys: [String], what: String) {
        let setsSomething = keys.contains { key in (Self.count(reader, key) ?? 0) > 0 }
        if !setsSomething {
            let outer = what == "source" ? "from" : "to"
            reader.context.error(
                .missingField,
                at: reader.path,
                "must not be empty (leave out `\(outer)` to match any \(what))"
            )
        }
    }

    /// A list of strings in the `*` / `prefix*` / `*suffix` syntax; empty strings are errors.
    static func patterns(_ reader: FieldReader, _ key: String) -> [String] {
        Self.indexed(reader, key).map(\.text)
    }

    /// `paths` / `notPaths`: patterns, without Envoy path templates (`{*}`, `{**}`), which Weft does not match yet.
    static func paths(_ reader: FieldReader, _ key: String) -> [String] {
        let paths = Self.indexed(reader, key)
        for (index, path) in paths where path.contains("{*}") || path.contains("{**}") {
            reader.context.error(
                .unsupported,
                at: reader.field(key).appending(index: index),
                "path templates ({*}, {**}) are not supported yet: use a prefix such as \"/api/*\" (got \"\(path)\")"
            )
        }
        return paths.map(\.text)
    }

    /// Ports written as strings of digits (Istio's type) or as YAML integers, 0–65535.
    static func ports(_ reader: FieldReader, _ key: String) -> [Int] {
        var ports: [Int] = []
        for (index, text) in Self.indexed(reader, key) {
            let path = reader.field(key).appending(index: index)
            if let port = Self.port(text) {
                ports.append(port)
            } else {
                reader.context.error(
                    .invalidValue,
                    at: path,
                    "must be a port number between 0 and 65535 (got \"\(text)\")"
                )
            }
        }
        return ports
    }

    /// IP addresses and CIDR blocks.
    static func blocks(_ reader: FieldReader, _ key: String) -> [CIDR] {
        var blocks: [CIDR] = []
        for (index, text) in Self.indexed(reader, key) {
            do {
                blocks.append(try CIDR(parsing: text))
            } catch {
                reader.context.error(.invalidValue, at: reader.field(key).appending(index: index), error.description)
            }
        }
        return blocks
    }

    /// Kubernetes service accounts as `namespace/name`.
    static func serviceAccounts(_ reader: FieldReader, _ key: String) -> [String] {
        let accounts = Self.indexed(reader, key)
        for (index, account) in accounts {
            let parts = account.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) {
                reader.context.error(
                    .invalidValue,
                    at: reader.field(key).appending(index: index),
                    "must be NAMESPACE/SERVICEACCOUNT (got \"\(account)\")"
                )
            }
        }
        return accounts.map(\.text)
    }

    /// `when` values or notValues, checked against the attribute's syntax once it is known.
    static func conditionValues(
        _ reader: FieldReader,
        _ key: String
    ) -> (values: [String], check: (AuthorizationAttribute.ValueSyntax) -> Void) {
        let values = Self.indexed(reader, key)
        return (values.map(\.text), { syntax in Self.check(values, reader, key, syntax: syntax) })
    }

    private static func check(
        _ values: [(index: Int, text: String)],
        _ reader: FieldReader,
        _ key: String,
        syntax: AuthorizationAttribute.ValueSyntax
    ) {
        for (index, value) in values {
            let path = reader.field(key).appending(index: index)
            switch syntax {
            case .ipOrCIDR:
                do {
                    _ = try CIDR(parsing: value)
                } catch {
                    reader.context.error(.invalidValue, at: path, error.description)
                }
            case .port:
                if Self.port(value) == nil {
                    reader.context.error(
                        .invalidValue,
                        at: path,
                        "must be a port number between 0 and 65535 (got \"\(value)\")"
                    )
                }
            case .pattern:
                break
            }
        }
    }

    /// A decimal port 0–65535 (Go's `ParseUint(s, 10, 32)` with Istio's bound: leading zeros are fine).
    private static func port(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 10, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text), value <= 65535
        else { return nil }
        return value
    }

    /// The strings of a list with their indexes as written; empty strings are reported (Istio: "empty value not
    /// allowed") and dropped.
    private static func indexed(_ reader: FieldReader, _ key: String) -> [(index: Int, text: String)] {
        guard let list = reader.stringList(key) else { return [] }
        var result: [(index: Int, text: String)] = []
        for (index, text) in list.enumerated() {
            if text.isEmpty {
                reader.context.error(.invalidValue, at: reader.field(key).appending(index: index), "must not be empty")
            } else {
                result.append((index, text))
            }
        }
        return result
    }
}
