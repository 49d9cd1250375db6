import WeftCore

/// Where one document comes from and what was wrong with it; shared by every `FieldReader` of that document.
///
/// A reference type on purpose: decoding is single-threaded and every nested reader appends to the same list.
final class DecodingContext {
    let file: String
    let document: Int
    var resource: ResourceID?
    private(set) var diagnostics = ConfigDiagnostics()
    /// Subsets this document's routes name; checked against DestinationRules once every document is decoded.
    var subsetReferences: [SubsetReference] = []

    init(file: String, document: Int, resource: ResourceID? = nil) {
        self.file = file
        self.document = document
        self.resource = resource
    }

    func report(
        _ severity: ConfigDiagnostic.Severity = .error,
        _ code: ConfigDiagnostic.Code,
        at field: FieldPath,
        _ message: String
    ) {
        self.diagnostics.append(
            ConfigDiagnostic(
                severity,
                code: code,
                file: self.file,
                document: self.document,
                resource: self.resource,
                field: field,
                message: message
            )
        )
    }

    func error(_ code: ConfigDiagnostic.Code, at field: FieldPath, _ message: String) {
        self.report(.error, code, at: field, message)
    }

    func warning(_ code: ConfigDiagnostic.Code, at field: FieldPath, _ message: String) {
        self.report(.warning, code, at: field, message)
    }

    var errorCount: Int { self.diagnostics.errors.count }
}
