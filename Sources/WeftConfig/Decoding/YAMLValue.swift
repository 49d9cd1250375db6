import Yams

/// A YAML node reduced to what configuration decoding needs: a `Sendable` tree that remembers, for every scalar,
/// whether it was quoted and what YAML would resolve it to, and where it sits in the file.
package indirect enum YAMLValue: Hashable, Sendable {
    /// A scalar with its text, its resolved type and whether it was quoted (`"80"` is a string, `80` an int).
    case scalar(String, ScalarType, line: Int)
    /// Keys in document order; keys are scalars (other keys are rejected when the tree is built).
    case mapping([(key: String, value: YAMLValue)], line: Int)
    case sequence([YAMLValue], line: Int)

    package enum ScalarType: Hashable, Sendable {
        case string
        case int
        case float
        case bool
        case null
    }

    package var line: Int {
        switch self {
        case .scalar(_, _, let line), .mapping(_, let line), .sequence(_, let line): return line
        }
    }

    package var isNull: Bool {
        if case .scalar(_, .null, _) = self { return true }
        return false
    }

    /// A short name of the node's type for error messages ("a list", "a map", "a string").
    package var typeDescription: String {
        switch self {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .scalar(_, let type, _):
            switch type {
            case .string: return "a string"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        }
    }

    package static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, let at, _), .scalar(let b, let bt, _)): return a == b && at == bt
        case (.sequence(let a, _), .sequence(let b, _)): return a == b
        case (.mapping(let a, _), .mapping(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let text, let type, _):
            hasher.combine(0)
            hasher.combine(text)
            hasher.combine(type)
        case .sequence(let items, _):
            hasher.combine(1)
            hasher.combine(items)
        case .mapping(let pairs, _):
            hasher.combine(2)
            for pair in pairs {
                hasher.combine(pair.key)
                hasher.combine(pair.value)
            }
        }
    }
}

extension YAMLValue {
    package struct ConversionError: Error, Sendable {
        package var message: String
        package var line: Int
    }

    /// Converts a Yams node. Fails on non-scalar map keys and duplicate keys, which Kubernetes also rejects.
    init(_ node: Node) throws(ConversionError) {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            let type: ScalarType
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal
                || scalar.style == .folded
            {
                type = .string
            } else {
                switch node.tag.description {
                case Tag.Name.int.rawValue: type = .int
                case Tag.Name.float.rawValue: type = .float
                case Tag.Name.bool.rawValue: type = .bool
                case Tag.Name.null.rawValue: type = .null
                default: type = .string
                }
            }
            self = .scalar(scalar.string, type, line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: YAMLValue)] = []
            var seen: Set<String> = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw ConversionError(message: "map keys must be plain strings", line: keyNode.mark?.line ?? line)
                }
                guard seen.insert(key.string).inserted else {
                    throw ConversionError(
                        message: "duplicate key \"\(key.string)\"",
                        line: keyNode.mark?.line ?? line
                    )
                }
                pairs.append((key.string, try YAMLValue(valueNode)))
            }
            self = .mapping(pairs, line: line)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try YAMLValue(item)) }
            self = .sequence(items, line: line)
        case .alias:
            throw ConversionError(message: "unresolved YAML alias", line: line)
        }
    }
}
