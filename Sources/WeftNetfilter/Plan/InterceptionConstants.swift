/// The ports and marks the capture rules and the agent's listeners agree on.
///
/// The defaults are istio-cni's (`cni/pkg/config/config.go`, ztunnel.md §4.2) so that a Weft node and an Istio
/// ambient node treat the same traffic the same way.
package struct InterceptionConstants: Hashable, Sendable {
    /// Outbound capture listener: the REDIRECT target for the workload's outgoing TCP.
    package var outboundPort: UInt16
    /// Inbound plaintext capture listener: the REDIRECT target for incoming TCP that is not HBONE.
    package var inboundPort: UInt16
    /// Inbound HBONE listener; peers dial it directly, so it is never redirected.
    package var hbonePort: UInt16
    /// DNS proxy (UDP and TCP).
    package var dnsPort: UInt16
    /// `SO_MARK` on every agent socket; rules skip packets carrying it so the agent never captures itself.
    package var agentMark: UInt32
    /// Connection mark for connections the agent opened with a spoofed (client) source address.
    package var transparentMark: UInt32
    /// The bits of the packet and connection marks Weft owns; other bits belong to whoever else uses marks.
    package var markMask: UInt32
    /// Routing table that delivers every destination locally (`local default dev lo table 100`).
    package var routeTable: UInt32
    /// Priority of `ip rule fwmark 0x111/0xfff lookup 100` (istio-cni uses 32764, just before `main`).
    package var rulePriority: UInt32

    /// Istio's values: 15001/15006/15008/15053, marks 0x539 and 0x111 under 0xfff, table 100, priority 32764.
    package static let istio = InterceptionConstants(
        outboundPort: 15001,
        inboundPort: 15006,
        hbonePort: 15008,
        dnsPort: 15053,
        agentMark: 0x539,
        transparentMark: 0x111,
        markMask: 0xfff,
        routeTable: 100,
        rulePriority: 32764
    )
}
