/// The mutual-TLS mode that applies to one workload port after PeerAuthentication inheritance, and which resource
/// decided it.
package struct EffectiveMTLS: Hashable, Sendable, CustomStringConvertible {
    /// Only `.strict` or `.permissive`: UNSET has been resolved and DISABLE acts as PERMISSIVE (architecture §13).
    package var mode: MTLSMode
    /// The PeerAuthentication that set the mode; nil for the built-in PERMISSIVE default.
    package var decidedBy: ResourceID?
    package var level: Level

    /// Which level of the hierarchy decided.
    package enum Level: Hashable, Sendable {
        /// `portLevelMtls` of the workload's PeerAuthentication.
        case port(Int)
        /// The workload's PeerAuthentication (`selector`).
        case workload
        /// The namespace-wide PeerAuthentication (no selector).
        case namespace
        /// The mesh-wide PeerAuthentication (root namespace, no selector).
        case mesh
        /// No PeerAuthentication says anything: PERMISSIVE.
        case meshDefault
    }

    package init(mode: MTLSMode, decidedBy: ResourceID?, level: Level) {
        self.mode = mode
        self.decidedBy = decidedBy
        self.level = level
    }

    /// The built-in default when no PeerAuthentication applies.
    package static let permissiveDefault = EffectiveMTLS(mode: .permissive, decidedBy: nil, level: .meshDefault)

    package var requiresPeerIdentity: Bool { self.mode == .strict }

    package var description: String {
        guard let decidedBy else { return "\(self.mode) (default)" }
        switch self.level {
        case .port(let port): return "\(self.mode) (port \(port) of \(decidedBy))"
        default: return "\(self.mode) (\(decidedBy))"
        }
    }
}
