import WeftCore

/// One piece of configuration text and the name it is reported under (a path as the operator gave it, or `-`).
package struct ConfigSource: Hashable, Sendable {
    package var name: String
    package var text: String

    package init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The outcome of decoding and validating configuration: the config when there are no errors, and every
/// diagnostic (errors and warnings) in the order found.
package struct ValidationResult: Hashable, Sendable {
    /// What was decoded. Contains the valid resources even when other resources had errors (used for summaries);
    /// callers must not serve it unless `diagnostics.hasErrors` is false.
    package var config: MeshConfig
    package var diagnostics: ConfigDiagnostics

    package init(config: MeshConfig, diagnostics: ConfigDiagnostics) {
        self.config = config
        self.diagnostics = diagnostics
    }

    /// The config, only if it is valid.
    package var validConfig: MeshConfig? { self.diagnostics.hasErrors ? nil : self.config }
}
