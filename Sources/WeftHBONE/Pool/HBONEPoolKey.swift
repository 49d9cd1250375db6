import WeftCore

/// What HBONE connections are pooled by: (source identity, destination identity, destination address)
/// (ztunnel.md §2.7, fact 8). Every stream on one connection shares one identity pair, so two source identities
/// never share a TLS connection, and a connection is only reused for the workload identity it verified.
package struct HBONEPoolKey: Hashable, Sendable, CustomStringConvertible {
    /// The local workload whose certificate the connection presents.
    package var source: SpiffeID
    /// The identity the server must prove (its SPIFFE SAN).
    package var destination: SpiffeID
    /// Where the connection goes: the destination workload's (or waypoint's) IP and port 15008.
    package var address: HBONEAuthority

    package init(source: SpiffeID, destination: SpiffeID, address: HBONEAuthority) {
        self.source = source
        self.destination = destination
        self.address = address
    }

    package var description: String { "\(self.source) → \(self.destination) at \(self.address)" }
}
