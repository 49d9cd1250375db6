import Foundation
import WeftConfig
import WeftCore

/// Decodes YAML text as if it came from a file named `file`.
func decode(_ yaml: String, file: String = "test.yaml") -> ValidationResult {
    DocumentDecoder.decode([ConfigSource(name: file, text: yaml)])
}

/// The full text of every error, in order: what an operator would read.
func errorTexts(_ yaml: String, file: String = "test.yaml") -> [String] {
    decode(yaml, file: file).diagnostics.errors.map(\.description)
}

/// The full text of every warning, in order.
func warningTexts(_ yaml: String, file: String = "test.yaml") -> [String] {
    decode(yaml, file: file).diagnostics.warnings.map(\.description)
}

/// Reads a corpus file shipped with the tests (Tests/WeftConfigTests/Corpus/NAME).
func corpus(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Corpus/" + name, withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }
    return try String(contentsOf: url, encoding: .utf8)
}

/// Decodes a corpus file under its own name.
func decodeCorpus(_ name: String) throws -> ValidationResult {
    decode(try corpus(name), file: name)
}
