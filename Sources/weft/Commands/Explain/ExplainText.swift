import WeftCore

/// The human form of `weft explain`: one `label  text` line per step, then the spread of `--samples`.
enum ExplainText {
    /// Width of the label column.
    static let labelWidth = 13

    static func render(_ explanation: Explanation) -> String {
        if explanation.ignoredHTTPOptions {
            StandardError.write("note: --method, --path and --header are ignored: the traffic is TCP")
        }
        let decision = explanation.decision
        var lines: [String] = []
        func line(_ label: String, _ text: String) {
            lines.append(label.padding(to: Self.labelWidth) + text)
        }
        line("from", Self.sourceText(explanation))
        line("to", explanation.destinationText)
        if let request = decision.input.request, decision.protocolChoice.handling == .http {
            line("request", Self.requestText(request))
        }
        for step in decision.steps { line(step.label, step.text) }
        if let samples = explanation.samples {
            line("samples", "\(samples.total) picks (seed \(samples.seed))")
            let rows = samples.subsetRows + samples.endpointRows + samples.outcomeRows
            let width = rows.map(\.name.count).max() ?? 0
            let countWidth = String(samples.total).count
            for row in rows {
                let count = String(row.count)
                lines.append(
                    "".padding(to: Self.labelWidth) + row.name.padding(to: width + 2)
                        + String(repeating: " ", count: countWidth - count.count) + count + "  "
                        + Self.percentText(samples.percent(row.count))
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func sourceText(_ explanation: Explanation) -> String {
        let source = explanation.decision.input.source
        var text = explanation.source.key.description
        if let address = source.traffic.address { text += " at \(address)" }
        text += source.identity.map { " (\($0))" } ?? " (not in the mesh: plaintext)"
        return text
    }

    static func requestText(_ request: HTTPRequestHead) -> String {
        var text = "\(request.method) \(request.path) (authority \(request.authority))"
        if !request.headers.isEmpty {
            text += " " + request.headers.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
        }
        return text
    }

    /// `80.0%`, `100.0%`, `0.1%`.
    static func percentText(_ percent: Double) -> String {
        let tenths = Int((percent * 10).rounded())
        let text = "\(tenths / 10).\(tenths % 10)%"
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }
}

extension String {
    /// The text padded with spaces to `width` characters (never cut).
    func padding(to width: Int) -> String {
        self.count >= width ? self + " " : self + String(repeating: " ", count: width - self.count)
    }
}
