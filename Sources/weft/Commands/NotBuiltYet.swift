import ArgumentParser

/// Thrown by commands whose implementation has not landed: says so on stderr and exits 1.
struct NotBuiltYet: Error, CustomStringConvertible {
    var command: String
    var description: String {
        "weft \(self.command) is not available in this build yet; `weft validate` works offline today"
    }
}

/// Options every command that talks to the agent shares.
struct AgentConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Admin socket of the agent to talk to (default: $WEFT_SOCKET or /run/weft/weft.sock).")
    )
    var socket: String?

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text
}
