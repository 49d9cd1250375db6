/// Who sends a connection or request, as the decision pipeline needs to know it: what routing matches on
/// (namespace, labels, address) and the identity the source presents in HBONE tunnels.
package struct DecisionSource: Hashable, Sendable {
    /// Namespace, labels, address and workload key: what `sourceLabels` / `sourceNamespace` matches and the
    /// DestinationRule lookup read, and the source IP that authorization and `useSourceIp` hashing see.
    package var traffic: TrafficSource
    /// The peer identity the destination sees when the connection is tunnelled (HBONE); nil when the source is
    /// not in the mesh, so its traffic reaches destinations in plaintext without an identity.
    package var identity: SpiffeID?

    package init(traffic: TrafficSource, identity: SpiffeID?) {
        self.traffic = traffic
        self.identity = identity
    }

    /// The source as one of its workloads: in the mesh (with its SPIFFE identity) when the workload is reached
    /// over HBONE, since then its agent also captures and tunnels what it sends.
    ///
    /// - Parameter address: the source IP to use instead of the workload's primary address (`--source-ip`).
    package init(workload: Workload, address: IPAddress? = nil) {
        var traffic = TrafficSource(workload: workload)
        if let address { traffic.address = address }
        var identity: SpiffeID?
        if workload.isHBONEReachable {
            identity = try? SpiffeID(
                trustDomain: workload.trustDomain,
                namespace: workload.namespace,
                serviceAccount: workload.serviceAccount
            )
        }
        self.init(traffic: traffic, identity: identity)
    }

    /// The source workload, when known.
    package var workload: WorkloadKey? { self.traffic.workload }

    /// The source address authorization sees: the given one, else the unspecified address `0.0.0.0` (which no
    /// `ipBlocks` entry short of `0.0.0.0/0` matches).
    package var address: IPAddress { self.traffic.address ?? .v4(0) }
}
