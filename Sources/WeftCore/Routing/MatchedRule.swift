/// Which VirtualService rule decided a route: the resource, the rule's position and name, and which of its
/// `match[]` entries matched (nil when the rule has no match list and so matches everything).
///
/// An immutable class, built once per rule and match entry when the snapshot is compiled, so a plan names its rule
/// with one reference count. Equality and hashing are by value.
package final class MatchedRule: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable {
        case http
        case tcp
    }

    package let virtualService: ResourceID
    package let kind: Kind
    /// Position in `http[]` or `tcp[]`.
    package let index: Int
    package let name: String?
    /// Position in the rule's `match[]`.
    package let matchIndex: Int?
    package let matchName: String?

    package init(
        virtualService: ResourceID,
        kind: Kind,
        index: Int,
        name: String? = nil,
        matchIndex: Int? = nil,
        matchName: String? = nil
    ) {
        self.virtualService = virtualService
        self.kind = kind
        self.index = index
        self.name = name
        self.matchIndex = matchIndex
        self.matchName = matchName
    }

    package static func == (lhs: MatchedRule, rhs: MatchedRule) -> Bool {
        lhs === rhs
            || (lhs.virtualService == rhs.virtualService && lhs.kind == rhs.kind && lhs.index == rhs.index
                && lhs.name == rhs.name && lhs.matchIndex == rhs.matchIndex && lhs.matchName == rhs.matchName)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.virtualService)
        hasher.combine(self.kind)
        hasher.combine(self.index)
        hasher.combine(self.matchIndex)
    }

    /// The rules a compiled route reports: one per `match[]` entry, or a single one without matches.
    static func all(
        virtualService: ResourceID,
        kind: Kind,
        index: Int,
        name: String?,
        matchNames: [String?]
    ) -> [MatchedRule] {
        if matchNames.isEmpty {
            return [MatchedRule(virtualService: virtualService, kind: kind, index: index, name: name)]
        }
        return matchNames.enumerated().map { position, matchName in
            MatchedRule(
                virtualService: virtualService,
                kind: kind,
                index: index,
                name: name,
                matchIndex: position,
                matchName: matchName
            )
        }
    }

    /// Envoy's route name as Istio builds it: the rule name, then `.` and the match name when both are set.
    package var routeName: String? {
        guard let name else { return self.matchName }
        guard let matchName else { return name }
        return "\(name).\(matchName)"
    }

    /// `VirtualService default/reviews http[1] "v2-users" match[0]`.
    package var description: String {
        var text = "\(self.virtualService) \(self.kind.rawValue)[\(self.index)]"
        if let routeName { text += " \"\(routeName)\"" }
        if let matchIndex { text += " match[\(matchIndex)]" }
        return text
    }
}
