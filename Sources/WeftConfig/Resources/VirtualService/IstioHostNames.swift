import WeftCore

/// Istio's rules for host names, gateway names and `exportTo` entries in routing resources, and how it resolves
/// short host names (IS pkg/config/validation/agent `ValidateWildcardDomain`, `validateGatewayNames`,
/// `validateExportTo`; pkg/config/host `Name.Matches`; pilot `ResolveShortnameToFQDN`).
///
/// Note that Istio's DNS labels allow upper-case letters (`[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?`), unlike
/// Kubernetes object names; these checks follow Istio.
enum IstioHostNames {
    /// The cluster domain short names are completed with (`reviews` → `reviews.default.svc.cluster.local`).
    static let clusterDomain = "cluster.local"

    /// Istio's DNS-1123 label: 1–63 letters (either case), digits and `-`, alphanumeric at both ends.
    static func isLabel(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func alphanumeric(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) }
        guard alphanumeric(bytes.first!), alphanumeric(bytes.last!) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == 45 }
    }

    /// A first label that may be a wildcard: `*`, `*foo`, `*-foo` or a plain label.
    static func isWildcardLabel(_ text: Substring) -> Bool {
        if text == "*" { return true }
        if text.hasPrefix("*-") { return text.count <= 63 && Self.isLabel(text.dropFirst(2)) }
        if text.hasPrefix("*") { return text.count <= 63 && Self.isLabel(text.dropFirst()) }
        return Self.isLabel(text)
    }

    /// Why `host` is not a valid domain name (with `wildcard`, possibly `*.example.com`), or nil. A trailing dot is
    /// allowed.
    static func domainProblem(_ host: String, wildcard: Bool = true) -> String? {
        if host.isEmpty { return "must not be empty" }
        if host.utf8.count > 255 { return "\"\(host)\" is too long (at most 255 characters)" }
        let parts = host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if !(wildcard ? Self.isWildcardLabel(parts[0]) : Self.isLabel(parts[0])) {
            return "\"\(host)\" is not a valid host name (label \"\(parts[0])\" is not a DNS label)"
        }
        guard parts.count == 2 else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        if let last = labels.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\"\(host)\" is not a valid host name (top-level domain \"\(last)\" cannot be all digits)"
        }
        for (offset, label) in labels.enumerated() {
            if offset == labels.count - 1 && label.isEmpty { break }
            if !Self.isLabel(label) {
                return "\"\(host)\" is not a valid host name (label \"\(label)\" is not a DNS label)"
            }
        }
        return nil
    }

    /// Why a destination host is invalid: a domain, possibly wildcarded, but never `*` alone.
    static func destinationHostProblem(_ host: String) -> String? {
        if host == "*" { return "\"*\" is not a valid destination host (name a service)" }
        return Self.domainProblem(host)
    }

    /// Istio's short-name rule: a host without a dot is completed with the namespace of the resource that names it.
    static func resolve(_ host: String, namespace: String) -> String {
        if host == "*" || host.contains(".") { return host }
        return "\(host).\(namespace).svc.\(Self.clusterDomain)"
    }

    /// Whether two hosts overlap, either possibly a wildcard (`*.example.com` matches `api.example.com`).
    static func matches(_ a: String, _ b: String) -> Bool {
        let aWildcard = a.hasPrefix("*")
        let bWildcard = b.hasPrefix("*")
        switch (aWildcard, bWildcard) {
        case (true, true):
            let (aSuffix, bSuffix) = (a.dropFirst(), b.dropFirst())
            return aSuffix.count < bSuffix.count ? bSuffix.hasSuffix(aSuffix) : aSuffix.hasSuffix(bSuffix)
        case (true, false): return b.hasSuffix(a.dropFirst())
        case (false, true): return a.hasSuffix(b.dropFirst())
        case (false, false): return a == b
        }
    }

    /// Checks `gateways` entries (`mesh`, `name`, `namespace/name`); returns the list as written.
    static func gateways(_ reader: FieldReader, _ key: String) -> [String]? {
        guard let names = reader.stringList(key) else { return nil }
        for (offset, name) in names.enumerated() {
            let path = reader.field(key).appending(index: offset)
            let parts = name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                if !Self.isLabel(parts[0]) {
                    reader.context.error(.invalidValue, at: path, "namespace \"\(parts[0])\" is not a DNS label")
                }
                if !Self.isLabel(parts[1]) {
                    reader.context.error(.invalidValue, at: path, "gateway name \"\(parts[1])\" is not a DNS label")
                }
            } else {
                // The legacy `name.namespace` form still works in Istio, with a warning.
                let dotted = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                if dotted.count == 2, !dotted[0].isEmpty, !dotted[1].isEmpty {
                    reader.context.warning(
                        .deprecated,
                        at: path,
                        "legacy gateway name format \"\(name)\": prefer \"\(dotted[1])/\(dotted[0])\""
                    )
                }
                if let problem = Self.domainProblem(name, wildcard: false) {
                    reader.context.error(.invalidValue, at: path, problem)
                }
            }
        }
        return names
    }

    /// Checks `exportTo`: `.` (this namespace), `*` (every namespace) or namespace names, without duplicates, and
    /// `*` only alone.
    static func exportTo(_ reader: FieldReader, namespace: String) -> [String]? {
        guard let entries = reader.stringList("exportTo") else { return nil }
        var seen: [String: String] = [:]
        for (offset, entry) in entries.enumerated() {
            let path = reader.field("exportTo").appending(index: offset)
            let key = entry == "." ? namespace : entry
            if let first = seen[key] {
                let message =
                    first == entry
                    ? "duplicate entry \"\(entry)\"" : "\"\(first)\" and \"\(entry)\" both mean namespace \(namespace)"
                reader.context.error(.invalidValue, at: path, message)
                continue
            }
            if entry == "~" {
                reader.context.error(.invalidValue, at: path, "\"~\" (export to no namespace) is only for ServiceEntry")
            } else if entry != "." && entry != "*" && !Self.isLabel(Substring(entry)) {
                reader.context.error(
                    .invalidValue,
                    at: path,
                    "\"\(entry)\" is not \".\", \"*\" or a namespace name (a DNS label)"
                )
            } else {
                seen[key] = entry
            }
        }
        if seen["*"] != nil && entries.count > 1 {
            reader.error("exportTo", "\"*\" exports to every namespace and cannot be combined with other entries")
        }
        return entries
    }
}
