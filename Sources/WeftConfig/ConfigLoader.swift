import Foundation
import WeftCore

/// Reads configuration from files, directories of `*.yaml` / `*.yml` files, or standard input.
package enum ConfigLoader {
    /// Reads each path (a file, a directory, or `-` for standard input) into sources. Directories are read
    /// non-recursively in name order, like `kubectl apply -f DIR`. Unreadable paths become diagnostics.
    package static func sources(at paths: [String]) -> (sources: [ConfigSource], diagnostics: ConfigDiagnostics) {
        var sources: [ConfigSource] = []
        var diagnostics = ConfigDiagnostics()
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                Self.append(data, name: "-", to: &sources, diagnostics: &diagnostics)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    ConfigDiagnostic(code: .unreadable, file: path, message: "no such file or directory")
                )
                continue
            }
            if isDirectory.boolValue {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: path)
                } catch {
                    diagnostics.append(
                        ConfigDiagnostic(code: .unreadable, file: path, message: "cannot list directory")
                    )
                    continue
                }
                let yamlNames = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
                for name in yamlNames.sorted() {
                    let filePath = path.hasSuffix("/") ? path + name : path + "/" + name
                    Self.readFile(filePath, to: &sources, diagnostics: &diagnostics)
                }
            } else {
                Self.readFile(path, to: &sources, diagnostics: &diagnostics)
            }
        }
        return (sources, diagnostics)
    }

    /// Reads and validates `paths` in one pass; every problem of every file is in the result.
    package static func validate(paths: [String]) -> ValidationResult {
        let (sources, readDiagnostics) = Self.sources(at: paths)
        var result = DocumentDecoder.decode(sources)
        var diagnostics = readDiagnostics
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }

    private static func readFile(_ path: String, to sources: inout [ConfigSource], diagnostics: inout ConfigDiagnostics)
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(
                ConfigDiagnostic(code: .unreadable, file: path, message: "cannot read file (permission denied?)")
            )
            return
        }
        Self.append(data, name: path, to: &sources, diagnostics: &diagnostics)
    }

    private static func append(
        _ data: Data,
        name: String,
        to sources: inout [ConfigSource],
        diagnostics: inout ConfigDiagnostics
    ) {
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(ConfigDiagnostic(code: .unreadable, file: name, message: "not UTF-8 text"))
            return
        }
        sources.append(ConfigSource(name: name, text: text))
    }
}
