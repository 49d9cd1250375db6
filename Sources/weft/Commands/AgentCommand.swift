import ArgumentParser

/// `weft agent`: the node daemon (run by systemd as Type=notify).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run the node agent in the foreground (what the systemd unit starts).",
        discussion: """
            Examples:
              weft agent
              weft agent --node node-a --state-dir /var/lib/weft-a --run-dir /run/weft-a --metrics-addr :25020
            """
    )

    @Option(help: "Agent configuration file.") var config: String = "/etc/weft/agent.yaml"
    @Option(help: "Directory watched for Istio YAML (GitOps).") var configDir: String = "/etc/weft/config.d"
    @Option(help: "Node name (default: the hostname).") var node: String?
    @Option(help: "SPIFFE trust domain.") var trustDomain: String = "cluster.local"
    @Option(help: "State directory (store, CA material).") var stateDir: String = "/var/lib/weft"
    @Option(help: "Runtime directory; the admin socket is RUN_DIR/weft.sock.") var runDir: String = "/run/weft"
    @Option(help: "Store URL: embedded (default) or etcd://HOST:2379[,HOST:2379...].") var store: String?
    @Option(help: "Prometheus metrics listen address.") var metricsAddr: String = ":15020"
    @Option(help: "Readiness listen address.") var readinessAddr: String = ":15021"

    func run() async throws { throw NotBuiltYet(command: "agent") }
}

/// `weft enroll`.
struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Enroll a local workload into the mesh (capture rules and listeners live when it returns).",
        discussion: """
            Examples:
              weft enroll reviews-v1 --netns /var/run/netns/reviews-v1 --labels app=reviews,version=v1
              weft enroll api --pid 4242 --service-account api
              weft enroll billing --cgroup system.slice/billing.service
            """
    )

    @Argument(help: "Workload name.") var name: String
    @Option(help: "Network namespace path of the workload.") var netns: String?
    @Option(help: "A process id whose network namespace is the workload's.") var pid: Int?
    @Option(help: "cgroup v2 path of a host-network service (host mode).") var cgroup: String?
    @Option(help: "Mesh namespace.") var namespace: String = "default"
    @Option(help: "Service account (default: the workload name).") var serviceAccount: String?
    @Option(help: "Labels, k=v,k=v.") var labels: String?
    @Flag(help: "Do not capture DNS (port 53) for this workload.") var noDnsCapture = false
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "enroll") }
}

/// `weft unenroll`.
struct UnenrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unenroll",
        abstract: "Remove a workload from the mesh and delete every rule Weft added for it.",
        discussion: "Examples:\n  weft unenroll reviews-v1\n  weft unenroll reviews-v1 --namespace bookinfo"
    )

    @Argument(help: "Workload name.") var name: String
    @Option(help: "Mesh namespace (needed only when the name is ambiguous).") var namespace: String?
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "unenroll") }
}

/// `weft workloads`.
struct WorkloadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workloads",
        abstract: "List enrolled workloads: identity, IPs, capture mode, mTLS mode, certificate expiry, rule status.",
        discussion: "Examples:\n  weft workloads\n  weft workloads -o json"
    )

    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "workloads") }
}

/// `weft status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show agent health, version, uptime, certificates, rule verification and store state.",
        discussion: "Examples:\n  weft status\n  weft status --check   # exit 3 when the agent reports problems"
    )

    @Flag(help: "Exit 3 when the agent reports problems.") var check = false
    @OptionGroup var connection: AgentConnectionOptions

    func run() throws { throw NotBuiltYet(command: "status") }
}
