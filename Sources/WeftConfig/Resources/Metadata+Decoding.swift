import WeftCore

/// Reads Kubernetes `metadata`: `name` is required; `namespace` defaults to `default`.
enum MetadataDecoding {
    /// Standard metadata fields that carry no meaning for Weft but appear in exported manifests.
    static let ignoredFields = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "ownerReferences",
        "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    ]

    static func decode(_ reader: FieldReader, kind: ResourceKind) -> ObjectMeta? {
        var metadata = ObjectMeta()
        for field in Self.ignoredFields { reader.ignore(field) }
        reader.unsupported("generateName", "generateName is not supported: give the resource a name")
        guard let name = reader.string("name", required: true) else { return nil }
        if !Names.isDNSSubdomain(name) {
            reader.error("name", "\"\(name)\" is not a valid resource name (lower-case letters, digits, '-' and '.')")
        }
        metadata.name = name
        if let namespace = reader.string("namespace") {
            if !Names.isDNSLabel(namespace) {
                reader.error("namespace", "\"\(namespace)\" is not a valid namespace (a DNS label: a-z, 0-9, '-')")
            }
            metadata.namespace = namespace
        }
        // From here on, problems are reported against the resource by name.
        reader.context.resource = ResourceID(kind: kind, namespace: metadata.namespace, name: metadata.name)
        if let labels = LabelsDecoding.labels(reader, "labels") { metadata.labels = labels }
        if let annotations = reader.stringMap("annotations") { metadata.annotations = annotations }
        return metadata
    }
}

/// Reads label maps and checks Kubernetes label syntax.
enum LabelsDecoding {
    static func labels(_ reader: FieldReader, _ key: String) -> [String: String]? {
        guard let labels = reader.stringMap(key) else { return nil }
        for (name, value) in labels.sorted(by: { $0.key < $1.key }) {
            if let problem = Names.labelKeyProblem(name) {
                reader.context.error(.invalidValue, at: reader.field(key).appending(name), problem)
            }
            if let problem = Names.labelValueProblem(value) {
                reader.context.error(.invalidValue, at: reader.field(key).appending(name), problem)
            }
        }
        return labels
    }
}
