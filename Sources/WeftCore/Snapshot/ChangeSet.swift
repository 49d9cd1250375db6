/// Keys added, removed and changed between two versions of something, each list sorted.
package struct ChangeSet<Key: Hashable & Comparable & Sendable>: Hashable, Sendable {
    package var added: [Key]
    package var removed: [Key]
    package var changed: [Key]

    package init(added: [Key] = [], removed: [Key] = [], changed: [Key] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Compares two keyed collections of values.
    package init<Value: Equatable>(old: [Key: Value], new: [Key: Value]) {
        self.added = new.keys.filter { old[$0] == nil }.sorted()
        self.removed = old.keys.filter { new[$0] == nil }.sorted()
        self.changed = new.compactMap { key, value in
            guard let previous = old[key], previous != value else { return nil }
            return key
        }.sorted()
    }

    package var isEmpty: Bool { self.added.isEmpty && self.removed.isEmpty && self.changed.isEmpty }

    /// Every key that differs in any way, sorted.
    package var all: [Key] { (self.added + self.removed + self.changed).sorted() }
}
