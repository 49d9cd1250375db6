/// Where a value sits inside one resource, e.g. `spec.http[0].match[0].headers.end-user.exact`.
///
/// Map keys are joined with dots and list indexes are written in brackets (architecture §13), the
/// same shape Kubernetes uses when it rejects an unknown field.
package struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    package enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    package var components: [Component]

    package init(_ components: [Component] = []) {
        self.components = components
    }

    /// Parses the dotted form; bracketed integers become indexes. Used for literals in code and tests.
    package init(stringLiteral value: String) {
        var components: [Component] = []
        for part in value.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { components.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    let number = rest[rest.index(after: rest.startIndex)..<close]
                    components.append(.index(Int(number) ?? 0))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }

    package static let root = FieldPath()

    package func appending(_ key: String) -> FieldPath {
        FieldPath(self.components + [.key(key)])
    }

    package func appending(index: Int) -> FieldPath {
        FieldPath(self.components + [.index(index)])
    }

    package var isRoot: Bool { self.components.isEmpty }

    package var description: String {
        var text = ""
        for component in self.components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
