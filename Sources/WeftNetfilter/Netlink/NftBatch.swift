import CMnl
import CNftnl

/// One nftables transaction being built: `BATCH_BEGIN`, the messages, `BATCH_END`, in one buffer that is sent in
/// one `sendto`. The kernel commits all of it or none of it (swift-notes §1).
///
/// Every message in between asks for an acknowledgement, so that the transport can match each reply to its
/// message and report which one failed.
package struct NftBatch: Sendable {
    /// What one message in the batch does, for error messages.
    package struct Message: Hashable, Sendable {
        package var sequence: UInt32
        package var summary: String
    }

    package private(set) var bytes: [UInt8] = []
    /// The acknowledged messages, in order.
    package private(set) var messages: [Message] = []
    private(set) var beginSequence: UInt32 = 0
    private(set) var endSequence: UInt32 = 0
    private var sequence: UInt32

    /// Scratch space for one message. The biggest Weft builds, a rule of about twenty expressions, is under 2 KiB;
    /// libnftnl does not check bounds, so the size leaves a wide margin and is checked after each build.
    private static let scratchSize = 1 << 14

    /// Starts a batch whose sequence numbers begin after `firstSequence`.
    package init(firstSequence: UInt32) {
        self.sequence = firstSequence
        self.beginSequence = self.nextSequence()
        self.append { buffer, sequence in _ = nftnl_batch_begin(buffer, sequence) }
    }

    /// The sequence number after the last one used (for the next exchange on the same socket).
    package var lastSequence: UInt32 { self.sequence }

    private mutating func nextSequence() -> UInt32 {
        self.sequence &+= 1
        return self.sequence
    }

    /// Builds one message into scratch space with `build`, then appends it.
    private mutating func append(_ build: (UnsafeMutablePointer<CChar>, UInt32) -> Void) {
        let sequence = self.sequence
        var scratch = [CChar](repeating: 0, count: Self.scratchSize)
        scratch.withUnsafeMutableBufferPointer { buffer in
            build(buffer.baseAddress!, sequence)
            let header = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: nlmsghdr.self)
            let length = Int(header.pointee.nlmsg_len)
            precondition(length <= Self.scratchSize, "netlink message of \(length) bytes overflowed the scratch buffer")
            let aligned = (length + 3) & ~3
            self.bytes += UnsafeRawBufferPointer(start: buffer.baseAddress!, count: aligned)
        }
    }

    /// Appends a message that must be acknowledged, built by `build` at the header `nftnl_nlmsg_build_hdr` made.
    private mutating func appendAcknowledged(
        _ type: nf_tables_msg_types,
        flags: CInt,
        summary: String,
        _ build: (UnsafeMutablePointer<nlmsghdr>) -> Void
    ) {
        let sequence = self.nextSequence()
        self.messages.append(Message(sequence: sequence, summary: summary))
        self.append { buffer, sequence in
            let header = nftnl_nlmsg_build_hdr(
                buffer,
                UInt16(type.rawValue),
                UInt16(NFPROTO_INET),
                UInt16(flags | NLM_F_ACK),
                sequence
            )!
            build(header)
        }
    }

    /// `add table inet NAME` (creates it if absent, leaves it as it is otherwise).
    package mutating func addTable(_ name: String) {
        self.appendAcknowledged(NFT_MSG_NEWTABLE, flags: NLM_F_CREATE, summary: "add table inet \(name)") { header in
            let table = nftnl_table_alloc()!
            defer { nftnl_table_free(table) }
            nftnl_table_set_str(table, UInt16(NFTNL_TABLE_NAME.rawValue), name)
            nftnl_table_set_u32(table, UInt16(NFTNL_TABLE_FAMILY.rawValue), UInt32(NFPROTO_INET))
            nftnl_table_nlmsg_build_payload(header, table)
        }
    }

    /// `delete table inet NAME`, with its chains, rules and hooks. Fails the batch if the table does not exist,
    /// so callers add it first (``replaceTable(_:)``, ``removeTable(_:)``).
    package mutating func deleteTable(_ name: String) {
        self.appendAcknowledged(NFT_MSG_DELTABLE, flags: 0, summary: "delete table inet \(name)") { header in
            let table = nftnl_table_alloc()!
            defer { nftnl_table_free(table) }
            nftnl_table_set_str(table, UInt16(NFTNL_TABLE_NAME.rawValue), name)
            nftnl_table_set_u32(table, UInt16(NFTNL_TABLE_FAMILY.rawValue), UInt32(NFPROTO_INET))
            nftnl_table_nlmsg_build_payload(header, table)
        }
    }

    /// A base chain with policy accept.
    package mutating func addChain(_ chain: NftChain, table: String) {
        let summary = "add chain inet \(table) \(chain.name)"
        self.appendAcknowledged(NFT_MSG_NEWCHAIN, flags: NLM_F_CREATE, summary: summary) { header in
            let object = nftnl_chain_alloc()!
            defer { nftnl_chain_free(object) }
            nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_TABLE.rawValue), table)
            nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_NAME.rawValue), chain.name)
            nftnl_chain_set_u32(object, UInt16(NFTNL_CHAIN_FAMILY.rawValue), UInt32(NFPROTO_INET))
            nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_TYPE.rawValue), chain.kind.rawValue)
            nftnl_chain_set_u32(object, UInt16(NFTNL_CHAIN_HOOKNUM.rawValue), chain.hook.number)
            nftnl_chain_set_s32(object, UInt16(NFTNL_CHAIN_PRIO.rawValue), chain.priority)
            nftnl_chain_set_u32(object, UInt16(NFTNL_CHAIN_POLICY.rawValue), UInt32(NF_ACCEPT))
            nftnl_chain_nlmsg_build_payload(header, object)
        }
    }

    /// Appends a rule made of `expressions` to the end of `chain`.
    package mutating func addRule(_ expressions: [NftExpression], table: String, chain: String, summary: String) {
        let text = "add rule inet \(table) \(chain) \(summary)"
        self.appendAcknowledged(NFT_MSG_NEWRULE, flags: NLM_F_CREATE | NLM_F_APPEND, summary: text) { header in
            let rule = nftnl_rule_alloc()!
            defer { nftnl_rule_free(rule) }
            nftnl_rule_set_str(rule, UInt16(NFTNL_RULE_TABLE.rawValue), table)
            nftnl_rule_set_str(rule, UInt16(NFTNL_RULE_CHAIN.rawValue), chain)
            nftnl_rule_set_u32(rule, UInt16(NFTNL_RULE_FAMILY.rawValue), UInt32(NFPROTO_INET))
            for expression in expressions {
                // The rule takes ownership of each expression.
                nftnl_rule_add_expr(rule, expression.makeNftnlExpression())
            }
            nftnl_rule_nlmsg_build_payload(header, rule)
        }
    }

    /// Replaces table `table.name` with `table`, whether it existed or not: add (no-op if present), delete, add,
    /// then its chains and rules. This is what `nft -f` does for `table x; delete table x; table x { … }`.
    package mutating func replaceTable(_ table: NftTable) {
        self.removeTable(table.name)
        self.addTable(table.name)
        for chain in table.chains {
            self.addChain(chain, table: table.name)
            for rule in chain.rules {
                self.addRule(rule.expressions, table: table.name, chain: chain.name, summary: rule.description)
            }
        }
    }

    /// Deletes table `name` if it exists (add-then-delete, so a missing table is not an error).
    package mutating func removeTable(_ name: String) {
        self.addTable(name)
        self.deleteTable(name)
    }

    /// Closes the batch. Append nothing after this.
    package mutating func finish() {
        self.endSequence = self.nextSequence()
        self.append { buffer, sequence in _ = nftnl_batch_end(buffer, sequence) }
    }
}

extension NftBatch {
    /// The batch that makes the kernel hold exactly `plan`'s tables: each planned table replaced, each retired
    /// table deleted if present.
    package static func applying(_ plan: InterceptionPlan, firstSequence: UInt32) -> NftBatch {
        var batch = NftBatch(firstSequence: firstSequence)
        for table in plan.tables { batch.replaceTable(table) }
        for name in plan.retiredTableNames { batch.removeTable(name) }
        batch.finish()
        return batch
    }

    /// The batch that deletes every table `plan` owns, present or not.
    package static func removing(_ plan: InterceptionPlan, firstSequence: UInt32) -> NftBatch {
        var batch = NftBatch(firstSequence: firstSequence)
        for name in plan.ownedTableNames { batch.removeTable(name) }
        batch.finish()
        return batch
    }
}
