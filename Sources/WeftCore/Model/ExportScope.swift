/// Which namespaces see a resource, from its `exportTo` list (Istio `visibility`): `*` everyone, `.` its own
/// namespace, `~` no one, any other entry that namespace. An empty list means everyone (Istio's default).
package struct ExportScope: Hashable, Sendable, CustomStringConvertible {
    /// Visible from every namespace.
    package var isPublic: Bool
    /// Namespaces that see it when not public.
    package var namespaces: Set<String>

    package init(isPublic: Bool, namespaces: Set<String> = []) {
        self.isPublic = isPublic
        self.namespaces = namespaces
    }

    package static let everyone = ExportScope(isPublic: true)

    /// Reads an `exportTo` list of a resource that lives in `namespace`.
    package init(exportTo: [String], namespace: String) {
        if exportTo.isEmpty || exportTo.contains("*") {
            self.init(isPublic: true)
            return
        }
        var namespaces: Set<String> = []
        for entry in exportTo {
            switch entry {
            case ".": namespaces.insert(namespace)
            case "~": continue
            default: namespaces.insert(entry)
            }
        }
        self.init(isPublic: false, namespaces: namespaces)
    }

    package func isVisible(from namespace: String) -> Bool {
        self.isPublic || self.namespaces.contains(namespace)
    }

    package var description: String {
        self.isPublic ? "*" : self.namespaces.sorted().joined(separator: ",")
    }
}
