/// Kubernetes and DNS name rules used when validating resources.
package enum Names {
    /// RFC 1123 label: 1–63 of `a-z 0-9 -`, starting and ending alphanumeric.
    package static func isDNSLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 }
    }

    /// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
    package static func isDNSSubdomain(_ text: String) -> Bool {
        guard (1...253).contains(text.utf8.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// Qualified name part of a label key: 1–63 of `A-Z a-z 0-9 - _ .`, alphanumeric at both ends.
    private static func isQualifiedName(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    /// Why `key` is not a valid label key (`[prefix/]name`), or nil when it is.
    package static func labelKeyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard isDNSSubdomain(String(parts[0])) else {
                return "label key \"\(key)\" has an invalid prefix (must be a DNS subdomain)"
            }
        }
        guard let name = parts.last, isQualifiedName(name) else {
            return
                "invalid label key \"\(key)\" (1–63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)"
        }
        return nil
    }

    /// Why `value` is not a valid label value (empty is allowed), or nil when it is.
    package static func labelValueProblem(_ value: String) -> String? {
        if value.isEmpty || isQualifiedName(Substring(value)) { return nil }
        return
            "invalid label value \"\(value)\" (up to 63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)"
    }
}
