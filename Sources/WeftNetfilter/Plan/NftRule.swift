/// One rule: every match must hold, then the packet is counted and the action runs.
package struct NftRule: Hashable, Sendable, CustomStringConvertible {
    package var matches: [NftMatch]
    package var action: NftAction

    package init(_ matches: [NftMatch], _ action: NftAction) {
        self.matches = matches
        self.action = action
    }

    /// The kernel expressions: matches, a counter (so operators can see what was captured), then the action.
    package var expressions: [NftExpression] {
        self.matches.flatMap(\.expressions) + [.counter] + self.action.expressions
    }

    /// The rule in `nft` syntax, as `nft list ruleset` prints it (without the counter values).
    package var description: String {
        (self.matches.map(\.description) + ["counter", self.action.description]).joined(separator: " ")
    }
}
