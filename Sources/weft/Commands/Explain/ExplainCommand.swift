import ArgumentParser
import WeftConfig
import WeftCore

/// `weft explain`: where a connection or request from a workload goes, and why (architecture §6, §13).
///
/// Offline (`-f`), it compiles the given config and registry into a snapshot and runs the same decision pipeline
/// the data plane uses, with a seeded random generator so that the output is reproducible.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain where a connection or request from a workload goes, and why.",
        discussion: """
            Prints classification, protocol, the matched route, destination and subset, the chosen endpoint, \
            timeouts / retries / faults / mirrors, the destination's mTLS mode and the authorization decision.
            The destination is HOST[:PORT] (a service name, short forms resolved from the source's namespace; \
            without a port, the service's only port) or IP:PORT ([IPv6]:PORT).
            Exit status: 0 allowed and routed, 2 denied or no route, 1 bad input.

            Examples:
              weft explain -f bookinfo.yaml --registry bookinfo-registry.yaml --from productpage-v1 reviews:9080 \\
                --header end-user=jason
              weft explain -f bookinfo.yaml --registry bookinfo-registry.yaml --from productpage-v1 reviews --samples 1000
              weft explain -f bookinfo.yaml --registry bookinfo-registry.yaml --from reviews-v1 10.96.0.12:9080 -o json
            """
    )

    @Argument(help: "Destination: HOST[:PORT] or IP:PORT.") var destination: String
    @Option(help: "Source workload name.") var from: String
    @Option(help: "Namespace of the source workload (when its name is ambiguous).") var namespace: String?
    @Option(name: [.short, .customLong("filename")], help: "Explain offline against this config.") var files: [String] =
        []
    @Option(help: "Registry YAML (a `workloads:` list) for offline use. Repeatable.") var registry: [String] = []
    @Option(help: "HTTP method.") var method: String?
    @Option(help: "HTTP path.") var path: String?
    @Option(help: "Request header k=v. Repeatable.") var header: [String] = []
    @Option(help: "Source IP.") var sourceIp: String?
    @Option(help: "Show how N picks spread over endpoints and subsets.") var samples: Int?
    @Option(help: "Seed of the random picks (weights, balancers, percentages), for reproducible output.") var seed:
        UInt64 = 1
    @Option(help: "Mesh root namespace (offline).") var rootNamespace: String = "istio-system"
    @Option(help: "SPIFFE trust domain (offline).") var trustDomain: String = "cluster.local"
    @Option(help: "Outbound traffic policy for unknown destinations: ALLOW_ANY or REGISTRY_ONLY (offline).")
    var outboundTrafficPolicy: String = MeshSettings.OutboundTrafficPolicy.allowAny.rawValue
    @OptionGroup var connection: AgentConnectionOptions

    func validate() throws {
        for item in self.header where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("--header must be NAME=VALUE (got \"\(item)\")")
        }
        if let samples, !(1...1_000_000).contains(samples) {
            throw ValidationError("--samples must be between 1 and 1000000 (got \(samples))")
        }
        if let sourceIp, IPAddress(sourceIp) == nil {
            throw ValidationError("--source-ip must be an IP address (got \"\(sourceIp)\")")
        }
        if MeshSettings.OutboundTrafficPolicy(rawValue: self.outboundTrafficPolicy) == nil {
            throw ValidationError(
                "--outbound-traffic-policy must be ALLOW_ANY or REGISTRY_ONLY (got \"\(self.outboundTrafficPolicy)\")"
            )
        }
    }

    func run() throws {
        let output = self.connection.output
        guard !self.files.isEmpty else {
            throw ExplainFailure(
                "online explain needs the agent, which is not available in this build yet; "
                    + "explain offline with -f CONFIG [--registry REGISTRY.yaml]"
            ).exit(output)
        }
        let scenario: ExplainScenario
        do {
            scenario = try ExplainScenario.load(self)
        } catch {
            throw error.exit(output)
        }
        let explanation = scenario.explain()
        switch output {
        case .text:
            print(ExplainText.render(explanation), terminator: "")
        case .json:
            try JSONOutput.print(ExplainReport(explanation))
        }
        if !explanation.decision.isAllowedAndRouted { throw ExitCode(2) }
    }

    /// The settings the offline snapshot is compiled with.
    var settings: MeshSettings {
        var settings = MeshSettings()
        settings.rootNamespace = self.rootNamespace
        settings.trustDomain = self.trustDomain
        settings.outboundTrafficPolicy =
            MeshSettings.OutboundTrafficPolicy(rawValue: self.outboundTrafficPolicy)
            ?? .allowAny
        return settings
    }

    /// Whether any HTTP option was given.
    var hasHTTPOptions: Bool { self.method != nil || self.path != nil || !self.header.isEmpty }
}

/// Bad input (exit 1): says what is wrong on stderr, and with `-o json` also as a JSON document on stdout, so
/// that scripts always get one.
struct ExplainFailure: Error {
    var message: String
    /// Extra lines for stderr before the message (config diagnostics).
    var details: [String] = []

    init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    struct Document: Encodable {
        var error: String
        var details: [String]
        var exitCode: Int
    }

    /// Reports the failure and returns the exit code to throw.
    func exit(_ output: OutputFormat) -> ExitCode {
        for line in self.details { StandardError.write(line) }
        StandardError.write("weft explain: \(self.message)")
        if output == .json {
            try? JSONOutput.print(Document(error: self.message, details: self.details, exitCode: 1))
        }
        return ExitCode(1)
    }
}
