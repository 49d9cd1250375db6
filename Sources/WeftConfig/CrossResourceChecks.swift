import WeftCore

/// Checks that need more than one resource: references from routes to subsets that no DestinationRule defines.
enum CrossResourceChecks {
    static func run(_ config: MeshConfig, origins: [ResourceID: (file: String, document: Int)]) -> ConfigDiagnostics {
        let diagnostics = ConfigDiagnostics()
        return diagnostics
    }
}
