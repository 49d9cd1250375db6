extension HeaderOperations {
    /// Istio turns `:authority` / `host` in `set` or `add` into a host rewrite and never touches pseudo-headers or
    /// `host` as headers (`TranslateHeadersOperations`). Returns the operations without them and the authority
    /// they ask for (`set` wins over `add`).
    func splittingAuthority() -> (operations: HeaderOperations, authority: String?) {
        func isInternal(_ name: String) -> Bool { name.hasPrefix(":") || name.lowercased() == "host" }
        func isAuthority(_ name: String) -> Bool {
            let lowered = name.lowercased()
            return lowered == ":authority" || lowered == "host"
        }
        guard
            self.set.keys.contains(where: isInternal) || self.add.keys.contains(where: isInternal)
                || self.remove.contains(where: isInternal)
        else { return (self, nil) }
        var result = self
        result.set = self.set.filter { !isInternal($0.key) }
        result.add = self.add.filter { !isInternal($0.key) }
        result.remove = self.remove.filter { !isInternal($0) }
        let authority =
            self.set.sorted { $0.key < $1.key }.first { isAuthority($0.key) }?.value
            ?? self.add.sorted { $0.key < $1.key }.first { isAuthority($0.key) }?.value
        return (result, authority)
    }
}
