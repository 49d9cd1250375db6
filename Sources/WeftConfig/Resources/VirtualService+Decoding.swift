import WeftCore

/// What nested VirtualService decoders need to know about the resource they are in.
struct VirtualServiceScope {
    /// Completes short host names (`reviews` → `reviews.<namespace>.svc.cluster.local`).
    var namespace: String
    /// False when `gateways` names only gateways: then the rules never apply to mesh traffic.
    var appliesToMesh: Bool
}

extension VirtualService {
    /// Decodes and validates a VirtualService spec, following Istio's own rules (IS pkg/config/validation
    /// `ValidateVirtualService`; ztunnel.md §7.3). Delegate VirtualServices (no hosts, `http[].delegate`) and
    /// `tls[]` SNI routing are "not supported yet" errors (architecture §13).
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        self.gateways = IstioHostNames.gateways(spec, "gateways") ?? []
        let scope = VirtualServiceScope(namespace: metadata.namespace, appliesToMesh: self.appliesToMesh)
        self.hosts = Self.hosts(spec, appliesToMesh: scope.appliesToMesh)
        if !scope.appliesToMesh {
            spec.warning(
                "gateways",
                "binds this VirtualService to gateways only, so it does not route mesh traffic: add \"mesh\" to apply it to workloads",
                code: .invalidValue
            )
        }
        self.exportTo = IstioHostNames.exportTo(spec, namespace: metadata.namespace) ?? []
        self.http = spec.objectList("http") { HTTPRoute(decoding: $0, scope: scope) } ?? []
        self.tcp = spec.objectList("tcp") { TCPRoute(decoding: $0, scope: scope) } ?? []
        spec.unsupported("tls", "TLS routing by SNI (tls[]) is not supported yet")
        if !["http", "tcp", "tls"].contains(where: spec.hasNonEmptyList) {
            spec.context.error(.missingField, at: spec.path, "one of http, tcp or tls is required")
        }
        UnreachableRules.check(self.http.map { $0.match.map(\.withoutName) }, in: spec, key: "http")
        UnreachableRules.check(self.tcp.map(\.match), in: spec, key: "tcp")
    }

    /// `hosts`: required and non-empty; each a (possibly wildcard) domain or an IP address; `*` alone only for
    /// gateways; no two hosts overlapping.
    private static func hosts(_ spec: FieldReader, appliesToMesh: Bool) -> [String] {
        guard let hosts = spec.stringList("hosts") else {
            if !spec.has("hosts") {
                spec.missing("hosts", "delegate VirtualServices without hosts are not supported yet")
            }
            return []
        }
        if hosts.isEmpty {
            spec.error("hosts", "must list at least one host", code: .missingField)
        }
        var valid: [(offset: Int, host: String)] = []
        for (offset, host) in hosts.enumerated() {
            let path = spec.field("hosts").appending(index: offset)
            if host == "*" && appliesToMesh {
                spec.context.error(.invalidValue, at: path, "\"*\" is not allowed for mesh traffic (name the hosts)")
            } else if let problem = IstioHostNames.domainProblem(host), IPAddress(host) == nil {
                spec.context.error(.invalidValue, at: path, problem)
            } else {
                valid.append((offset, host))
            }
        }
        for (index, first) in valid.enumerated() {
            for second in valid[(index + 1)...] where IstioHostNames.matches(first.host, second.host) {
                spec.context.error(
                    .duplicate,
                    at: spec.field("hosts").appending(index: second.offset),
                    first.host == second.host
                        ? "duplicate of hosts[\(first.offset)]"
                        : "\"\(second.host)\" overlaps \"\(first.host)\" (hosts[\(first.offset)])"
                )
            }
        }
        return hosts
    }
}

extension HTTPMatchRequest {
    /// The match without its name, which does not take part in matching.
    fileprivate var withoutName: HTTPMatchRequest {
        var copy = self
        copy.name = nil
        return copy
    }
}

/// Warns about rules that can never match, as Istio does (IS validation.go `analyzeUnreachableHTTPRules`): rules
/// after one without `match` (which takes every request), and matches identical to an earlier rule's.
enum UnreachableRules {
    static func check<Match: Hashable>(_ rules: [[Match]], in spec: FieldReader, key: String) {
        var catchAll: Int?
        var seen: [Match: Int] = [:]
        for (ruleIndex, matches) in rules.enumerated() {
            let rulePath = spec.field(key).appending(index: ruleIndex)
            if let catchAll {
                spec.context.warning(
                    .invalidValue,
                    at: rulePath,
                    "is never used: \(key)[\(catchAll)] has no match and takes every request"
                )
                continue
            }
            if matches.isEmpty {
                catchAll = ruleIndex
                continue
            }
            for (matchIndex, match) in matches.enumerated() {
                if let earlier = seen[match] {
                    spec.context.warning(
                        .invalidValue,
                        at: rulePath.appending("match").appending(index: matchIndex),
                        "is never used: \(key)[\(earlier)] has the same match"
                    )
                } else {
                    seen[match] = ruleIndex
                }
            }
        }
    }
}
