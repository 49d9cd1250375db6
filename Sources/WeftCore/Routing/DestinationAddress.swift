/// An IP address and TCP port: the original destination of a captured connection (`SO_ORIGINAL_DST`), or any
/// address a plan forwards to.
package struct DestinationAddress: Hashable, Sendable, CustomStringConvertible {
    package var address: IPAddress
    package var port: Int

    package init(_ address: IPAddress, _ port: Int) {
        self.address = address
        self.port = port
    }

    /// `10.0.0.1:80` or `[fd00::1]:80`.
    package var description: String {
        address.isIPv4 ? "\(self.address):\(self.port)" : "[\(self.address)]:\(self.port)"
    }
}
