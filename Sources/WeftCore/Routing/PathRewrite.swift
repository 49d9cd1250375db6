/// Computes the rewritten `:path` of a forwarded request.
enum PathRewrite {
    /// - `uriRegexRewrite`: every match of the pattern in the path (without query) is substituted; the query stays.
    /// - `rewrite.uri` (Envoy `prefix_rewrite`): the prefix the rule matched is replaced (`/` when the rule has no
    ///   uri condition); for an exact or regex uri match the whole path is. The query stays.
    ///
    /// - Returns: nil when the route rewrites nothing.
    static func apply(
        rewrite: HTTPRewrite?,
        regex: (regex: CompiledRegex, substitution: String)?,
        match: HTTPRouteMatch?,
        to request: HTTPRequestHead
    ) -> String? {
        let query = request.query.map { "?\($0)" } ?? ""
        if let regex {
            return regex.regex.replacingAll(in: String(request.pathWithoutQuery), with: regex.substitution) + query
        }
        guard let replacement = rewrite?.uri else { return nil }
        let prefix = match?.matchedPrefix ?? (match == nil ? "/" : nil)
        guard let prefix else { return replacement + query }
        // The prefix matched, possibly ignoring case; drop as many bytes as it has.
        let rest = request.path.utf8.dropFirst(prefix.utf8.count)
        return replacement + String(Substring(rest))
    }
}
