import WeftCore

// MARK: - Codable

/// The persisted shape: `{"kind", "namespace", "name", "revision", "origin": "api" | "config-directory", "file",
/// "yaml"}`. Flat and readable, so an operator can inspect the store file and an etcd value with `jq`.
extension StoredResource: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind
        case namespace
        case name
        case revision
        case origin
        case file
        case yaml
    }

    private static let apiOrigin = "api"
    private static let directoryOrigin = "config-directory"

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try container.decode(String.self, forKey: .kind)
        guard let kind = ResourceKind(rawValue: kindText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "unknown kind \"\(kindText)\""
            )
        }
        self.id = ResourceID(
            kind: kind,
            namespace: try container.decode(String.self, forKey: .namespace),
            name: try container.decode(String.self, forKey: .name)
        )
        self.revision = try container.decode(UInt64.self, forKey: .revision)
        self.yaml = try container.decode(String.self, forKey: .yaml)
        let origin = try container.decode(String.self, forKey: .origin)
        switch origin {
        case Self.apiOrigin:
            self.origin = .api
        case Self.directoryOrigin:
            self.origin = .configDirectory(file: try container.decode(String.self, forKey: .file))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .origin,
                in: container,
                debugDescription: "unknown origin \"\(origin)\""
            )
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id.kind.rawValue, forKey: .kind)
        try container.encode(self.id.namespace, forKey: .namespace)
        try container.encode(self.id.name, forKey: .name)
        try container.encode(self.revision, forKey: .revision)
        switch self.origin {
        case .api:
            try container.encode(Self.apiOrigin, forKey: .origin)
        case .configDirectory(let file):
            try container.encode(Self.directoryOrigin, forKey: .origin)
            try container.encode(file, forKey: .file)
        }
        try container.encode(self.yaml, forKey: .yaml)
    }
}
