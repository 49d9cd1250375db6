import WeftConfig
import WeftCore

/// One YAML document of a source, cut out as text, with the resource it defines.
package struct ResourceDocument: Hashable, Sendable {
    /// The resource, when its header (`kind`, `metadata.name`) could be read, even if its spec has errors.
    package var id: ResourceID?
    /// The document's own text, without `---` separators, ending in one newline.
    package var text: String
    /// True when the document alone decodes without errors.
    package var isValid: Bool

    package init(id: ResourceID?, text: String, isValid: Bool) {
        self.id = id
        self.text = text
        self.isValid = isValid
    }
}

/// Cuts a multi-document YAML source into one text per resource, so the store can keep each resource's own text.
///
/// The cut is textual, at lines that are exactly a document marker (`---` or `...` at column 0, then a space or
/// the end of the line). That is exact, not a heuristic: YAML forbids such a line inside any scalar (the spec's
/// `c-forbidden`), so a marker line always ends the document. Directive lines (`%YAML`) move to the document they
/// precede. Documents with nothing in them (comments only, blank) are dropped, as the decoder does.
package enum ResourceDocuments {
    /// Every non-empty document of `source`, in order. Each is decoded alone to learn its resource id.
    package static func split(_ source: ConfigSource) -> [ResourceDocument] {
        Self.cut(source.text).compactMap { text in
            let result = DocumentDecoder.decode([ConfigSource(name: source.name, text: text)])
            let ids = result.config.resourceIDs
            if ids.isEmpty && result.diagnostics.all.isEmpty { return nil }  // an empty document
            let id = ids.first ?? result.diagnostics.all.lazy.compactMap(\.resource).first
            return ResourceDocument(id: id, text: text, isValid: ids.count == 1 && !result.diagnostics.hasErrors)
        }
    }

    /// The texts between document markers, each ending in a newline (empty texts included).
    static func cut(_ text: String) -> [String] {
        var documents: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let rest = Self.markerRest(line, marker: "---") {
                // Directives written just before the marker belong to the document it starts.
                var directives: [Substring] = []
                while let last = documents[documents.count - 1].last, last.hasPrefix("%") {
                    directives.insert(documents[documents.count - 1].removeLast(), at: 0)
                }
                // A directive needs its explicit marker, so the marker line stays with it.
                let start = directives.isEmpty ? (rest.isEmpty ? [] : [rest]) : [line]
                documents.append(directives + start)
            } else if Self.markerRest(line, marker: "...") != nil {
                documents.append([])
            } else {
                documents[documents.count - 1].append(line)
            }
        }
        return documents.map { lines in
            var lines = lines
            while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }
    }

    /// When `line` is the document marker (optionally followed by a space and content such as `--- |`), what
    /// follows it on the line; nil when it is not a marker line.
    private static func markerRest(_ line: Substring, marker: String) -> Substring? {
        guard line.hasPrefix(marker) else { return nil }
        let rest = line.dropFirst(marker.count)
        guard let first = rest.first else { return rest }
        guard first == " " || first == "\t" || first == "\r" else { return nil }
        let content = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
        return content.hasPrefix("#") ? content.prefix(0) : content
    }
}
