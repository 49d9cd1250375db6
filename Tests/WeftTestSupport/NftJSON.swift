import Foundation

/// Reads `nft -j list …` output, independently of Weft's own netlink read-back, so tests can cross-check the two.
package enum NftJSON {
    /// One table as nft reports it.
    package struct Table: Equatable, CustomStringConvertible {
        package var family: String
        package var name: String
        /// Chain name → `type T hook H priority P policy X`.
        package var chains: [String: String]
        /// Chain name → rules in ``render(_:)`` form, in order.
        package var rules: [String: [String]]

        package init(family: String, name: String, chains: [String: String], rules: [String: [String]]) {
            self.family = family
            self.name = name
            self.chains = chains
            self.rules = rules
        }

        package var description: String {
            let chainLines = self.chains.keys.sorted().map { chain in
                "  \(chain): \(self.chains[chain]!)\n" + (self.rules[chain] ?? []).map { "    \($0)\n" }.joined()
            }
            return "table \(self.family) \(self.name)\n" + chainLines.joined()
        }
    }

    private static func objects(_ json: String) -> [[String: Any]] {
        guard let data = json.data(using: .utf8),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let items = root["nftables"] as? [[String: Any]]
        else { return [] }
        return items
    }

    /// The sum of the packet counts of every `counter` in the output.
    package static func counterPackets(in json: String) -> Int {
        var total = 0
        for item in Self.objects(json) {
            guard let rule = item["rule"] as? [String: Any], let expressions = rule["expr"] as? [[String: Any]] else {
                continue
            }
            for expression in expressions {
                if let counter = expression["counter"] as? [String: Any], let packets = counter["packets"] as? Int {
                    total += packets
                }
            }
        }
        return total
    }

    /// Every table in the output, with chains and rules.
    package static func tables(in json: String) -> [Table] {
        var tables: [Table] = []
        func index(_ family: String, _ name: String) -> Int {
            if let found = tables.firstIndex(where: { $0.family == family && $0.name == name }) { return found }
            tables.append(Table(family: family, name: name, chains: [:], rules: [:]))
            return tables.count - 1
        }
        for item in Self.objects(json) {
            if let table = item["table"] as? [String: Any] {
                _ = index(table["family"] as? String ?? "?", table["name"] as? String ?? "?")
            } else if let chain = item["chain"] as? [String: Any] {
                let at = index(chain["family"] as? String ?? "?", chain["table"] as? String ?? "?")
                let definition =
                    "type \(chain["type"] ?? "-") hook \(chain["hook"] ?? "-") priority \(chain["prio"] ?? "-") "
                    + "policy \(chain["policy"] ?? "-")"
                tables[at].chains[chain["name"] as? String ?? "?"] = definition
            } else if let rule = item["rule"] as? [String: Any] {
                let at = index(rule["family"] as? String ?? "?", rule["table"] as? String ?? "?")
                let expressions = rule["expr"] as? [Any] ?? []
                let text = expressions.map(Self.render).joined(separator: " ")
                tables[at].rules[rule["chain"] as? String ?? "?", default: []].append(text)
            }
        }
        return tables
    }

    /// A compact, canonical rendering of one JSON expression (numbers in decimal, `counter` without values):
    /// `{"match": {"op": "!=", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 15008}}`
    /// becomes `tcp dport != 15008`.
    package static func render(_ value: Any) -> String {
        switch value {
        case let text as String:
            return text
        case let number as NSNumber:
            return number.stringValue
        case let list as [Any]:
            return "{ " + list.map(Self.render).joined(separator: ", ") + " }"
        case let object as [String: Any]:
            guard object.count == 1, let (key, inner) = object.first else {
                return object.keys.sorted().map { "\($0)=\(Self.render(object[$0]!))" }.joined(separator: " ")
            }
            let fields = inner as? [String: Any] ?? [:]
            switch key {
            case "match":
                let op = fields["op"] as? String ?? "=="
                let left = Self.render(fields["left"] ?? "")
                var right = Self.render(fields["right"] ?? "")
                // nft prints a cgroup id as the path it finds below /sys/fs/cgroup; compare ids instead (the
                // cgroup2 mount may be elsewhere, swift-notes §9).
                if left.hasPrefix("socket cgroupv2"), let path = fields["right"] as? String {
                    var info = stat()
                    if stat("/sys/fs/cgroup/\(path)", &info) == 0 { right = "\(info.st_ino)" }
                }
                return op == "==" ? "\(left) \(right)" : "\(left) \(op) \(right)"
            case "payload":
                return "\(Self.render(fields["protocol"] ?? "?")) \(Self.render(fields["field"] ?? "?"))"
            case "meta", "ct":
                return "\(key) \(Self.render(fields["key"] ?? "?"))"
            case "socket":
                return "socket \(Self.render(fields["key"] ?? "?"))"
            case "fib":
                return "fib \(Self.render(fields["flags"] ?? "?")) \(Self.render(fields["result"] ?? "?"))"
            case "&", "|":
                let operands = (inner as? [Any] ?? []).map(Self.render)
                return operands.joined(separator: " \(key) ")
            case "counter":
                return "counter"
            case "redirect":
                return "redirect to :\(Self.render(fields["port"] ?? "?"))"
            case "accept", "drop":
                return key
            case "mangle":
                return "\(Self.render(fields["key"] ?? "?")) set \(Self.render(fields["value"] ?? "?"))"
            case "prefix":
                return "\(Self.render(fields["addr"] ?? "?"))/\(Self.render(fields["len"] ?? "?"))"
            default:
                return "\(key)(\(Self.render(inner)))"
            }
        default:
            return "\(value)"
        }
    }
}
