import WeftCore
import Yams

/// Splits one YAML source into its documents as `YAMLValue` trees, reporting unreadable YAML with the file name
/// (and the document, for trees that cannot be converted) the way `DocumentDecoder` does.
enum YAMLDocuments {
    /// The documents of `source`, or nil (after reporting) when it is not valid YAML. A document that cannot be
    /// converted (duplicate keys…) is reported and comes back as null, so document numbers stay right.
    static func parse(_ source: ConfigSource, diagnostics: inout ConfigDiagnostics) -> [YAMLValue]? {
        let nodes: [Node]
        do {
            var parser = try Yams.compose_all(yaml: source.text)
            var collected: [Node] = []
            while let node = parser.next() { collected.append(node) }
            if let error = parser.error { throw error }
            nodes = collected
        } catch {
            let text = (error as? YamlError)?.description ?? String(describing: error)
            diagnostics.append(
                ConfigDiagnostic(
                    code: .unreadable,
                    file: source.name,
                    message: "not valid YAML: \(text.split(separator: "\n").joined(separator: " "))"
                )
            )
            return nil
        }
        var values: [YAMLValue] = []
        for (offset, node) in nodes.enumerated() {
            do throws(YAMLValue.ConversionError) {
                values.append(try YAMLValue(node))
            } catch {
                diagnostics.append(
                    ConfigDiagnostic(
                        code: .unreadable,
                        file: source.name,
                        document: offset + 1,
                        message: "line \(error.line): \(error.message)"
                    )
                )
                values.append(.scalar("", .null, line: 0))
            }
        }
        return values
    }
}
