import WeftCore

/// The `:authority` of an HBONE CONNECT request: the final workload IP and target port, written `10.0.0.2:8080`
/// or `[fd00::2]:8080` (ztunnel.md §2.4).
///
/// ztunnel parses the authority as a socket address and answers 400 (`NoValidAuthority`) when it cannot (§2.5),
/// so the hostname form used only for double-HBONE through an east-west gateway is rejected here as well.
/// `description` and `init(parsing:)` round-trip (style G6).
package struct HBONEAuthority: Hashable, Sendable, CustomStringConvertible {
    package var address: IPAddress
    package var port: UInt16

    /// Why a text is not a valid authority; every case becomes a 400.
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text has no `:port` part, or an IPv6 address is not in brackets.
        case missingPort(String)
        /// The port is empty, has characters other than digits, is 0 or is above 65535.
        case invalidPort(String)
        /// The host part is not an IPv4 or a bracketed IPv6 address (hostnames are not accepted).
        case invalidAddress(String)

        package var description: String {
            switch self {
            case .missingPort(let text):
                return "authority \"\(text)\" has no port (expected IP:PORT or [IPv6]:PORT)"
            case .invalidPort(let text):
                return "authority \"\(text)\" has an invalid port (expected 1-65535)"
            case .invalidAddress(let text):
                return "authority \"\(text)\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            }
        }
    }

    package init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `IPv4:port` or `[IPv6]:port`. Zone ids, hostnames, port 0, leading zeros and unbracketed IPv6 are
    /// rejected.
    package init(parsing text: String) throws(ParseError) {
        guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
        let host = text[..<colon]
        let portText = text[text.index(after: colon)...]
        let hostText: Substring
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw .invalidAddress(text) }
            hostText = host.dropFirst().dropLast()
            guard hostText.contains(":") else { throw .invalidAddress(text) }
        } else {
            // An unbracketed host with a colon is an IPv6 address without its port separator.
            guard !host.contains(":") else { throw .missingPort(text) }
            hostText = host
        }
        guard let port = Self.parsePort(portText) else { throw .invalidPort(text) }
        guard let address = IPAddress(String(hostText)), address.isIPv4 == !host.hasPrefix("[") else {
            throw .invalidAddress(text)
        }
        self.address = address
        self.port = port
    }

    /// `10.0.0.2:8080` or `[fd00::2]:8080`, the form ztunnel sends and expects.
    package var description: String {
        self.address.isIPv4 ? "\(self.address):\(self.port)" : "[\(self.address)]:\(self.port)"
    }

    private static func parsePort(_ text: Substring) -> UInt16? {
        // Digits only, no sign and no leading zero, so that every accepted text prints back unchanged.
        guard !text.isEmpty, text.count <= 5, text.first != "0", text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = UInt16(text), value > 0
        else { return nil }
        return value
    }
}
