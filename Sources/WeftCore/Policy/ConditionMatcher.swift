/// One compiled `when` condition: the attribute matches one of `values` (when set) and none of `notValues`.
struct ConditionMatcher: Hashable, Sendable {
    var attribute: AuthorizationAttribute
    var values: Values
    var notValues: Values

    /// Values compiled for the attribute's syntax.
    enum Values: Hashable, Sendable {
        case addresses([CIDR])
        case ports(Set<Int>)
        case patterns([StringPattern])

        var isEmpty: Bool {
            switch self {
            case .addresses(let blocks): return blocks.isEmpty
            case .ports(let ports): return ports.isEmpty
            case .patterns(let patterns): return patterns.isEmpty
            }
        }

        /// Compiles validated texts; a text that does not parse is skipped, as istiod does.
        init(_ texts: [String], syntax: AuthorizationAttribute.ValueSyntax) {
            switch syntax {
            case .ipOrCIDR:
                self = .addresses(texts.compactMap { try? CIDR(parsing: $0) })
            case .port:
                self = .ports(Set(texts.compactMap { Int($0) }.filter { (0...65535).contains($0) }))
            case .pattern:
                self = .patterns(texts.map(StringPattern.init))
            }
        }

        func matches(_ value: ConditionValue) -> Bool {
            switch (self, value) {
            case (.addresses(let blocks), .address(let address)): return blocks.contains { $0.contains(address) }
            case (.ports(let ports), .port(let port)): return ports.contains(port)
            case (.patterns(let patterns), .text(let text)): return patterns.anyMatches(text)
            default: return false
            }
        }
    }

    /// The request's value of an attribute.
    enum ConditionValue {
        case address(IPAddress)
        case port(Int)
        case text(String)
    }

    /// Compiles a validated condition; nil when its key is not an attribute (validation prevents that).
    init?(_ condition: AuthorizationPolicy.Condition) {
        guard let attribute = try? AuthorizationAttribute(parsing: condition.key) else { return nil }
        self.attribute = attribute
        self.values = Values(condition.values, syntax: attribute.valueSyntax)
        self.notValues = Values(condition.notValues, syntax: attribute.valueSyntax)
    }

    /// Whether the condition holds; attributes the request does not carry count as `unknownAs`.
    func matches(_ request: AuthorizationRequest, unknownAs: Bool) -> Bool {
        let value: ConditionValue
        switch self.attribute {
        case .sourceIP: value = .address(request.sourceIP)
        case .destinationIP: value = .address(request.destinationIP)
        case .destinationPort: value = .port(request.destinationPort)
        // Plaintext has no identity: the empty text matches no value, so only notValues can hold.
        case .sourceNamespace: value = .text(request.sourceNamespace ?? "")
        case .sourcePrincipal: value = .text(request.sourcePrincipal ?? "")
        case .requestHeader(let name):
            guard let http = request.http else { return unknownAs }
            // An absent header matches no value, so `notValues` holds for it, as with Envoy's inverted matcher.
            guard let header = http.header(name) else { return self.values.isEmpty }
            value = .text(header)
        case .remoteIP, .requestAuthPrincipal, .requestAuthAudiences, .requestAuthPresenter, .requestAuthClaim,
            .connectionSNI, .envoyFilterMetadata:
            return unknownAs
        }
        if !self.values.isEmpty && !self.values.matches(value) { return false }
        if !self.notValues.isEmpty && self.notValues.matches(value) { return false }
        return true
    }
}
