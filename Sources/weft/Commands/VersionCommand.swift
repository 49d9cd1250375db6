import ArgumentParser

/// `weft version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of this weft binary.",
        discussion: "Examples:\n  weft version\n  weft version -o json"
    )

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    struct Info: Encodable {
        var version: String
        var swift: String
    }

    func run() throws {
        #if compiler(>=6.3)
        let swift = "6.3+"
        #else
        let swift = "6.x"
        #endif
        switch self.output {
        case .text: print("weft \(WeftVersion.current)")
        case .json: try JSONOutput.print(Info(version: WeftVersion.current, swift: swift))
        }
    }
}
