import WeftConfig
import WeftCore

/// The validation rule every store applies before a write (architecture §8): the resources that would be stored
/// after the write are decoded *together* by `DocumentDecoder`, and any error rejects the whole write. So a
/// resource that is fine alone but clashes with what is stored (a duplicate, a config-directory resource) is
/// refused, and the last good configuration keeps serving.
package enum StoreValidation {
    /// The source name of API-written resources when they are validated alongside a write. They have no file, and
    /// only show up in a diagnostic if a stored resource itself became invalid (a stricter decoder after an upgrade).
    package static let storedSourceName = "(stored)"

    /// A stored resource as a source for the decoder, named after its owner.
    package static func source(for resource: StoredResource) -> ConfigSource {
        ConfigSource(name: resource.origin.directoryFile ?? Self.storedSourceName, text: resource.yaml)
    }

    /// Decodes `kept` (already stored, in that order) followed by `submitted`, and keeps what concerns the write:
    /// every error, and the warnings about the submitted files. `ownerMessage` may replace the decoder's
    /// "defined more than once" message for a submitted resource that `kept` already defines, with one that says
    /// who owns the resource.
    static func validate(
        kept: [StoredResource],
        submitted: [ConfigSource],
        extraDiagnostics: ConfigDiagnostics = ConfigDiagnostics(),
        ownerMessage: (StoredResource) -> String?
    ) -> (result: ValidationResult, relevant: ConfigDiagnostics) {
        var result = DocumentDecoder.decode(kept.map(Self.source(for:)) + submitted)
        let submittedNames = Set(submitted.map(\.name))
        let keptByID = Dictionary(kept.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics = extraDiagnostics
        var relevant = extraDiagnostics
        for var diagnostic in result.diagnostics.all {
            if diagnostic.code == .duplicate, submittedNames.contains(diagnostic.file),
                let id = diagnostic.resource, let owner = keptByID[id], let message = ownerMessage(owner)
            {
                diagnostic.message = message
            }
            diagnostics.append(diagnostic)
            if diagnostic.isError || submittedNames.contains(diagnostic.file) { relevant.append(diagnostic) }
        }
        result.diagnostics = diagnostics
        return (result, relevant)
    }

    /// The message for an API write to a resource the config directory owns.
    static func readOnlyMessage(file: String) -> String {
        "owned by the config directory (\(file)) and read-only through the API; edit or remove it there instead"
    }

    /// The message for a config-directory file defining a resource that was applied through the API.
    static func appliedElsewhereMessage(_ id: ResourceID) -> String {
        "already applied through the API; delete it there first (weft delete \(id.kind.aliases[0]) \(id.name) "
            + "--namespace \(id.namespace)) or remove it from this file"
    }

    /// Checks, after validation passed, that the submitted sources cut into documents (`split`, per source name)
    /// agree with the decoder: every document valid alone, and together exactly the resources that were validated.
    static func documents(
        of split: [(name: String, documents: [ResourceDocument])],
        validated: ValidationResult,
        kept: [StoredResource]
    ) throws(StoreError) -> [(source: String, document: ResourceDocument, id: ResourceID)] {
        var documents: [(source: String, document: ResourceDocument, id: ResourceID)] = []
        for source in split {
            for document in source.documents {
                guard document.isValid, let id = document.id else {
                    throw StoreError(
                        .invalid,
                        subject: source.name,
                        "cannot cut this file into one text per resource (an unusual use of YAML document markers); "
                            + "put each resource in its own document, separated by a line \"---\""
                    )
                }
                documents.append((source.name, document, id))
            }
        }
        let expected = Set(validated.config.resourceIDs)
        let found = Set(kept.map(\.id)).union(documents.map(\.id))
        guard found == expected, kept.count + documents.count == validated.config.resourceIDs.count else {
            let names = split.map(\.name).joined(separator: ", ")
            throw StoreError(
                .invalid,
                subject: names,
                "cannot cut the documents apart consistently; put each resource in its own document, "
                    + "separated by a line \"---\""
            )
        }
        return documents
    }
}
