import ArgumentParser

/// The `weft` command: the node agent (`weft agent`) and the operator CLI that talks to it.
@main
struct Weft: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Weft: a per-node service-mesh agent (transparent capture, mTLS HBONE tunnels, Istio-style routing).",
        discussion: """
            Weft runs one agent per node. Local workloads are enrolled into the mesh without changing them: their \
            traffic is captured by nftables rules, carried between nodes in mutual-TLS HTTP/2 CONNECT tunnels \
            (HBONE, port 15008), and routed by Istio VirtualService / DestinationRule semantics.

            The CLI talks to the local agent over its admin socket (/run/weft/weft.sock; --socket or WEFT_SOCKET \
            to choose another). `validate`, `explain -f` and `ca` work offline.

            Examples:
              weft validate -f bookinfo.yaml
              weft enroll reviews-v1 --netns /var/run/netns/reviews-v1 --labels app=reviews,version=v1
              weft mtls strict --namespace default
              weft explain --from productpage reviews:9080 --header end-user=jason
            """,
        version: WeftVersion.current,
        subcommands: [
            AgentCommand.self,
            EnrollCommand.self,
            UnenrollCommand.self,
            WorkloadsCommand.self,
            MTLSCommand.self,
            ApplyCommand.self,
            GetCommand.self,
            DeleteCommand.self,
            ValidateCommand.self,
            ExplainCommand.self,
            StatusCommand.self,
            CACommand.self,
            VersionCommand.self,
        ]
    )
}

/// The version printed by `weft version` and `weft --version`.
enum WeftVersion {
    static let current = "0.1.0-dev"
}
