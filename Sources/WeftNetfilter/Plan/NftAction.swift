/// What a rule does once its matches hold, with its lowering to kernel expressions.
package enum NftAction: Hashable, Sendable, CustomStringConvertible {
    /// `accept`: stop evaluating this chain for the packet.
    case accept
    /// `redirect to :PORT`: NAT the destination to this host (loopback for locally generated packets).
    case redirect(port: UInt16)
    /// `ct mark set ct mark & KEEP | SET`: set Weft's bits of the connection mark and keep everyone else's.
    case setConnectionMark(keep: UInt32, set: UInt32)
    /// `meta mark set ct mark`: restore the packet mark from the connection mark.
    case restorePacketMark
    /// `ct zone set ZONE`: put the connection in its own conntrack zone.
    case setConntrackZone(UInt16)

    package var expressions: [NftExpression] {
        let register = NftRegister.one
        switch self {
        case .accept:
            return [.verdict(.accept)]
        case .redirect(let port):
            return [
                .immediate(register: register, data: NftMatch.bigEndian(port)),
                .redirect(portRegister: register),
            ]
        case .setConnectionMark(let keep, let set):
            // (mark & keep) ^ set == (mark & keep) | set because keep and set share no bits (checked by the plan).
            return [
                .conntrack(.mark, register: register),
                .bitwise(
                    source: register,
                    destination: register,
                    mask: NftMatch.hostOrder(keep),
                    xor: NftMatch.hostOrder(set)
                ),
                .conntrackSet(.mark, register: register),
            ]
        case .restorePacketMark:
            return [.conntrack(.mark, register: register), .metaSet(.mark, register: register)]
        case .setConntrackZone(let zone):
            return [
                .immediate(register: register, data: NftMatch.hostOrder(zone)),
                .conntrackSet(.zone, register: register),
            ]
        }
    }

    package var description: String {
        switch self {
        case .accept:
            return "accept"
        case .redirect(let port):
            return "redirect to :\(port)"
        case .setConnectionMark(let keep, let set):
            return "ct mark set ct mark & \(NftMatch.hexText(keep)) | \(NftMatch.hexText(set))"
        case .restorePacketMark:
            return "meta mark set ct mark"
        case .setConntrackZone(let zone):
            return "ct zone set \(zone)"
        }
    }
}
