import WeftCore

/// Who owns a stored resource, and therefore who may change it.
package enum ResourceOrigin: Hashable, Sendable, CustomStringConvertible {
    /// Written through the admin API (`weft apply`, `weft mtls …`); changed and deleted the same way.
    case api
    /// Loaded from this file of the watched config directory (`/etc/weft/config.d/reviews.yaml`). The directory
    /// owns it: the API refuses to change or delete it, and it disappears when the file stops defining it.
    case configDirectory(file: String)

    package var description: String {
        switch self {
        case .api: return "api"
        case .configDirectory(let file): return file
        }
    }

    /// The config-directory file that owns the resource, if any.
    package var directoryFile: String? {
        if case .configDirectory(let file) = self { return file }
        return nil
    }
}

/// One configuration resource as stored: its id, the YAML text the operator gave (so `weft get -o yaml` prints
/// what was applied, comments included), who owns it, and the store revision that last wrote it.
package struct StoredResource: Hashable, Sendable {
    package var id: ResourceID
    /// The resource's own YAML document, without `---` separators.
    package var yaml: String
    package var origin: ResourceOrigin
    /// The store revision of the write that last changed this resource (etcd's `mod_revision`).
    package var revision: UInt64

    package init(id: ResourceID, yaml: String, origin: ResourceOrigin, revision: UInt64) {
        self.id = id
        self.yaml = yaml
        self.origin = origin
        self.revision = revision
    }
}
