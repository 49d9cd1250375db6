/// Which VirtualService rule decided a route: the resource, the rule's position and name, and which of its
/// `match[]` entries matched (nil when the rule has no match list and so matches everything).
package struct MatchedRule: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable {
        case http
        case tcp
    }

    package var virtualService: ResourceID
    package var kind: Kind
    /// Position in `http[]` or `tcp[]`.
    package var index: Int
    package var name: String?
    /// Position in the rule's `match[]`.
    package var matchIndex: Int?
    package var matchName: String?

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
