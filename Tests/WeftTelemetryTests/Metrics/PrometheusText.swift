/// A strict reader of the Prometheus text format (0.0.4), so tests check `/metrics` by parsing it, the way a
/// Prometheus server would, rather than by searching for substrings.
struct PrometheusText {
    struct Sample: Equatable, CustomStringConvertible {
        var name: String
        var labels: [Label]
        var value: String

        var description: String { "\(self.name)\(self.labels) \(self.value)" }

        func label(_ key: String) -> String? { self.labels.first { $0.key == key }?.value }
    }

    struct Label: Equatable, CustomStringConvertible {
        var key: String
        var value: String

        var description: String { "\(self.key)=\(self.value)" }
    }

    enum ParseError: Error, Equatable {
        case badLine(String)
    }

    var help: [String: String] = [:]
    var types: [String: String] = [:]
    var samples: [Sample] = []
    /// Family names in the order their `# TYPE` lines appear.
    var familyOrder: [String] = []

    init(parsing text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw ParseError.badLine("missing final newline") }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst("# HELP ".count)
                guard let space = rest.firstIndex(of: " ") else { throw ParseError.badLine(String(line)) }
                self.help[String(rest[..<space])] = String(rest[rest.index(after: space)...])
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst("# TYPE ".count).split(separator: " ")
                guard parts.count == 2 else { throw ParseError.badLine(String(line)) }
                self.types[String(parts[0])] = String(parts[1])
                self.familyOrder.append(String(parts[0]))
            } else if line.hasPrefix("#") || line.isEmpty {
                throw ParseError.badLine(String(line))
            } else {
                self.samples.append(try Self.sample(line))
            }
        }
    }

    func samples(named name: String) -> [Sample] { self.samples.filter { $0.name == name } }

    /// `name{k="v",…} value`, with `\\`, `\"` and `\n` unescaped in label values.
    private static func sample(_ line: Substring) throws -> Sample {
        var characters = line[...]
        let name = characters.prefix { $0 != "{" && $0 != " " }
        characters = characters.dropFirst(name.count)
        var labels: [Label] = []
        if characters.first == "{" {
            characters = characters.dropFirst()
            while characters.first != "}" {
                let key = characters.prefix { $0 != "=" }
                characters = characters.dropFirst(key.count)
                guard characters.hasPrefix("=\"") else { throw ParseError.badLine(String(line)) }
                characters = characters.dropFirst(2)
                var value = ""
                while let character = characters.first, character != "\"" {
                    characters = characters.dropFirst()
                    guard character == "\\" else {
                        value.append(character)
                        continue
                    }
                    switch characters.first {
                    case "\\": value.append("\\")
                    case "\"": value.append("\"")
                    case "n": value.append("\n")
                    default: throw ParseError.badLine(String(line))
                    }
                    characters = characters.dropFirst()
                }
                guard characters.first == "\"" else { throw ParseError.badLine(String(line)) }
                characters = characters.dropFirst()
                labels.append(Label(key: String(key), value: value))
                if characters.first == "," { characters = characters.dropFirst() }
            }
            characters = characters.dropFirst()
        }
        guard characters.first == " " else { throw ParseError.badLine(String(line)) }
        let value = characters.dropFirst()
        guard !value.isEmpty, !value.contains(" "), Double(value) != nil || value == "+Inf" else {
            throw ParseError.badLine(String(line))
        }
        return Sample(name: String(name), labels: labels, value: String(value))
    }
}
