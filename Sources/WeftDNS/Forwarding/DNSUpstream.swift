import WeftCore

/// The resolver that non-mesh queries are forwarded to: an address and a port (53 unless configured).
///
/// Configurable as text (`10.248.0.53`, `10.248.0.53:5353`, `fd00:248::53`, `[fd00:248::53]:5353`); by default the
/// agent takes the node's first `nameserver` from `/etc/resolv.conf` (`ResolvConf`), as ztunnel does.
package struct DNSUpstream: Hashable, Sendable, CustomStringConvertible {
    package var address: IPAddress
    package var port: UInt16

    package static let defaultPort: UInt16 = 53

    package init(address: IPAddress, port: UInt16 = DNSUpstream.defaultPort) {
        self.address = address
        self.port = port
    }

    /// Why upstream text was rejected.
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed(String)

        package var description: String {
            switch self {
            case .malformed(let text):
                return "\"\(text)\" is not a DNS upstream (expected IP, IP:PORT or [IPv6]:PORT)"
            }
        }
    }

    package init(parsing text: String) throws(ParseError) {
        if let address = IPAddress(text) {
            self.init(address: address)
            return
        }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .malformed(text)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw .malformed(text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let address = IPAddress(String(host)), portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = UInt16(portText), port != 0
        else { throw .malformed(text) }
        self.init(address: address, port: port)
    }

    /// `10.248.0.53:53`, `[fd00:248::53]:53`.
    package var description: String {
        self.address.isIPv4 ? "\(self.address):\(self.port)" : "[\(self.address)]:\(self.port)"
    }
}

/// What the DNS proxy needs from a `resolv.conf` (resolv.conf(5)): the name servers, in order, and the search list.
package struct ResolvConf: Hashable, Sendable {
    /// `nameserver` lines that hold a plain address; scoped IPv6 addresses (`fe80::1%eth0`) are skipped, since the
    /// upstream socket is not bound to an interface.
    package var nameservers: [DNSUpstream]
    /// The last `search` (or `domain`) line's domains.
    package var searchDomains: [DNSName]

    package init(nameservers: [DNSUpstream] = [], searchDomains: [DNSName] = []) {
        self.nameservers = nameservers
        self.searchDomains = searchDomains
    }

    /// Reads the text of a resolv.conf. Never fails: unknown or broken lines are ignored, as the C resolver does.
    package init(parsing text: String) {
        self.init()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let content = line.prefix { $0 != "#" && $0 != ";" }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = fields.first, fields.count >= 2 else { continue }
            switch keyword {
            case "nameserver":
                if let address = IPAddress(String(fields[1])) {
                    self.nameservers.append(DNSUpstream(address: address))
                }
            case "search", "domain":
                self.searchDomains = fields.dropFirst().compactMap { try? DNSName(parsing: String($0)) }
            default:
                continue
            }
        }
    }
}
