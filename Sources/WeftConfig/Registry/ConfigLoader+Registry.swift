import WeftCore

extension ConfigLoader {
    /// Reads registry files (`--registry`: files, directories or `-`) and decodes their workloads in one pass.
    package static func registry(paths: [String]) -> RegistryResult {
        let (sources, readDiagnostics) = Self.sources(at: paths)
        var result = RegistryDecoder.decode(sources)
        var diagnostics = readDiagnostics
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }
}
