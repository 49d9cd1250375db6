extension FieldReader {
    /// Whether `key` holds a non-empty list (or anything else that is not null): `route: []` counts as no route,
    /// as in Istio. Marks the key as read, so call it only for keys that are decoded anyway.
    func hasNonEmptyList(_ key: String) -> Bool {
        guard let value = self.raw(key) else { return false }
        if case .sequence(let items, _) = value { return !items.isEmpty }
        return true
    }
}
