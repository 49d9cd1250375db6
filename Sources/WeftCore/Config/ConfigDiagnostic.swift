/// One problem found in configuration: an error (the input is rejected) or a warning (accepted, but worth a look).
///
/// Printed as `reviews.yaml: document 2: VirtualService default/reviews: spec.http[0].route[1].weight: must not be
/// negative (got -5)`. Tests compare `code`, `field` and `message`; the text is for operators (style G11).
package struct ConfigDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    /// What kind of problem this is; stable for tests and scripts.
    package enum Code: String, Hashable, Sendable {
        /// The file could not be read, or is not YAML.
        case unreadable
        /// A document is not a Kubernetes-style resource (no `apiVersion` / `kind` / `metadata.name`).
        case notAResource
        /// `apiVersion` / `kind` name something Weft does not handle.
        case unknownKind
        /// A field that the resource's schema does not have.
        case unknownField
        /// A value of the wrong YAML type (a list where a string belongs…).
        case wrongType
        /// A required field is absent.
        case missingField
        /// A value that is well-typed but not allowed (out of range, bad syntax, bad combination).
        case invalidValue
        /// A real Istio feature that Weft does not implement (yet).
        case unsupported
        /// Two documents define the same resource.
        case duplicate
        /// A reference to something no resource defines (a subset, a host…).
        case danglingReference
        /// Accepted, but deprecated or behaving differently from what the field suggests.
        case deprecated
    }

    package var severity: Severity
    package var code: Code
    /// The file as the operator named it (relative paths stay relative), or `-` for standard input.
    package var file: String
    /// 1-based index of the YAML document in the file; nil when the problem is about the whole file.
    package var document: Int?
    /// `Kind namespace/name` when known.
    package var resource: ResourceID?
    /// Path inside the resource; empty for problems about the resource as a whole.
    package var field: FieldPath
    /// What is wrong, in words an operator can act on.
    package var message: String

    package init(
        _ severity: Severity = .error,
        code: Code,
        file: String,
        document: Int? = nil,
        resource: ResourceID? = nil,
        field: FieldPath = .root,
        message: String
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.document = document
        self.resource = resource
        self.field = field
        self.message = message
    }

    package var isError: Bool { self.severity == .error }

    package var description: String {
        var parts = [self.file]
        if let document { parts.append("document \(document)") }
        if let resource { parts.append(resource.description) }
        if !self.field.isRoot { parts.append(self.field.description) }
        let prefix = self.severity == .warning ? "warning: " : ""
        return prefix + parts.joined(separator: ": ") + ": " + self.message
    }
}

/// Collects every diagnostic of one validation pass, so an operator sees all problems at once (issue: "in one run").
package struct ConfigDiagnostics: Hashable, Sendable {
    package private(set) var all: [ConfigDiagnostic] = []

    package init() {}

    package var errors: [ConfigDiagnostic] { self.all.filter(\.isError) }
    package var warnings: [ConfigDiagnostic] { self.all.filter { !$0.isError } }
    package var hasErrors: Bool { self.all.contains(where: \.isError) }

    package mutating func append(_ diagnostic: ConfigDiagnostic) {
        self.all.append(diagnostic)
    }

    package mutating func append(contentsOf other: ConfigDiagnostics) {
        self.all.append(contentsOf: other.all)
    }
}
