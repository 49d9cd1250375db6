/// Istio's syntax for host names and other DNS-style names in networking resources.
///
/// Istio's labels (`pkg/config/labels`) are DNS-1123 labels that, unlike Kubernetes object names, may contain
/// upper-case letters; a host may start with a wildcard label (`*`, `*foo`, `*-foo`) and may end with a dot
/// (`istio.io.`). These rules decide what a DestinationRule `host`, a ServiceEntry `hosts[]` entry, a subset name,
/// a ServiceEntry port name or an endpoint host name may be (ztunnel.md §7.3: Istio's rule wins).
enum IstioHostSyntax {
    /// 1–63 characters of `A-Z a-z 0-9 -`, alphanumeric at both ends.
    static func isLabel(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func alnum(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
        }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 }
    }

    /// Why `host` is not a host name that may start with a wildcard label, or nil when it is one.
    static func wildcardHostProblem(_ host: String) -> String? {
        if let problem = Self.lengthProblem(host) { return problem }
        let parts = host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let first = parts[0]
        var rest = first
        if rest.hasPrefix("*-") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("*") {
            rest = rest.dropFirst()
        }
        guard first == "*" || Self.isLabel(rest) else {
            return "\"\(host)\" is not a valid host name (label \"\(first)\" is invalid)"
        }
        return parts.count == 2 ? Self.labelsProblem(String(parts[1]), in: host) : nil
    }

    /// Why `host` is not a fully qualified host name without wildcards, or nil when it is one.
    static func fqdnProblem(_ host: String) -> String? {
        if let problem = Self.lengthProblem(host) { return problem }
        return Self.labelsProblem(host, in: host)
    }

    private static func lengthProblem(_ host: String) -> String? {
        if host.isEmpty { return "must not be empty" }
        if host.utf8.count > 255 { return "host name \"\(host)\" is longer than 255 characters" }
        return nil
    }

    /// Checks dot-separated labels; the last may be empty (a trailing dot) and must not be all digits.
    private static func labelsProblem(_ domain: String, in host: String) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if let last = labels.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\"\(host)\" is not a valid host name (the top-level domain \"\(last)\" is all digits)"
        }
        for (index, label) in labels.enumerated() {
            if index == labels.count - 1 && label.isEmpty && index > 0 { return nil }
            if !Self.isLabel(label) {
                return "\"\(host)\" is not a valid host name (label \"\(label)\" is invalid)"
            }
        }
        return nil
    }
}
