import ArgumentParser

/// `weft apply`.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract:
            "Validate configuration and store it in the agent; the running config changes only if all of it is valid.",
        discussion:
            "Examples:\n  weft apply -f canary.yaml\n  weft apply -f ./config.d/\n  cat policy.yaml | weft apply -f -"
    )

    @Option(name: [.short, .customLong("filename")], help: "A YAML file, a directory, or - for stdin. Repeatable.")
    var files: [String] = []
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "apply") }
}

/// `weft get`.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show stored resources of a kind (vs, dr, se, we, pa, ap, svc).",
        discussion: "Examples:\n  weft get virtualservices\n  weft get dr reviews -o yaml"
    )

    @Argument(help: "Resource kind (e.g. virtualservice, vs, destinationrule, dr).") var kind: String
    @Argument(help: "Resource name.") var name: String?
    @Option(help: "Namespace.") var namespace: String?
    @Option(help: "Admin socket of the agent.") var socket: String?
    @Option(name: .short, help: "Output format: text, yaml or json.") var output: String = "text"

    func run() throws { throw NotBuiltYet(command: "get") }
}

/// `weft delete`.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete stored resources by kind and name, or those named in a file.",
        discussion: "Examples:\n  weft delete vs reviews\n  weft delete -f canary.yaml"
    )

    @Argument(help: "Resource kind.") var kind: String?
    @Argument(help: "Resource name.") var name: String?
    @Option(name: [.short, .customLong("filename")], help: "Delete the resources this file defines.") var files:
        [String] = []
    @Option(help: "Namespace.") var namespace: String?
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "delete") }
}

/// `weft mtls`.
struct MTLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtls",
        abstract: "Set or show the mutual-TLS mode (strict: mTLS only; permissive: mTLS and plaintext).",
        discussion: """
            Writes a PeerAuthentication: mesh-wide (in istio-system), per namespace, or per workload.

            Examples:
              weft mtls strict
              weft mtls permissive --namespace legacy
              weft mtls strict --workload reviews-v1
              weft mtls status
            """
    )

    @Argument(help: "strict, permissive or status.") var mode: String
    @Option(help: "Apply to one namespace.") var namespace: String?
    @Option(help: "Apply to one workload.") var workload: String?
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "mtls") }
}

/// `weft ca`.
struct CACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Manage CA material: create a root, issue node intermediates, show the trust chain.",
        discussion: """
            Examples:
              weft ca init --dir /root/weft-ca
              weft ca issue-node node-a --dir /root/weft-ca --out /var/lib/weft/ca
              weft ca show
            """,
        subcommands: [CAInit.self, CAIssueNode.self, CAShow.self]
    )

    struct CAInit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a trust root (offline).")
        @Option(help: "Directory for the root certificate and key.") var dir: String
        @Option(help: "SPIFFE trust domain.") var trustDomain: String = "cluster.local"
        func run() throws { throw NotBuiltYet(command: "ca init") }
    }

    struct CAIssueNode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue-node",
            abstract: "Issue a node's intermediate CA from the root (offline)."
        )
        @Argument(help: "Node name.") var node: String
        @Option(help: "Directory holding the root.") var dir: String
        @Option(help: "Where the node's agent looks for CA material (STATE_DIR/ca).") var out: String
        func run() throws { throw NotBuiltYet(command: "ca issue-node") }
    }

    struct CAShow: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the agent's trust chain.")
        @OptionGroup var connection: AgentConnectionOptions
        func run() throws { throw NotBuiltYet(command: "ca show") }
    }
}
