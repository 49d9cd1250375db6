import CMnl
import CNftnl

#if canImport(Glibc)
import Glibc
#endif

/// Reads Weft's tables back from the kernel through `NFT_MSG_GET*` dumps, as ``InstalledTable`` values.
enum NetfilterReadBack {
    /// The `inet` tables among `names` that exist, with their chains and rules, in the kernel's order.
    static func tables(named names: [String], on socket: NetlinkSocket) throws(NetlinkError) -> [InstalledTable] {
        let wanted = Set(names)
        var present: [String] = []
        try socket.dump(Self.request(NFT_MSG_GETTABLE, socket: socket)) { message in
            let table = nftnl_table_alloc()!
            defer { nftnl_table_free(table) }
            guard nftnl_table_nlmsg_parse(message, table) >= 0 else { return }
            let name = String(cString: nftnl_table_get_str(table, UInt16(NFTNL_TABLE_NAME.rawValue)))
            if wanted.contains(name) { present.append(name) }
        }
        guard !present.isEmpty else { return [] }

        var chains: [String: [InstalledChain]] = [:]
        try socket.dump(Self.request(NFT_MSG_GETCHAIN, socket: socket)) { message in
            let chain = nftnl_chain_alloc()!
            defer { nftnl_chain_free(chain) }
            guard nftnl_chain_nlmsg_parse(message, chain) >= 0 else { return }
            let table = String(cString: nftnl_chain_get_str(chain, UInt16(NFTNL_CHAIN_TABLE.rawValue)))
            guard wanted.contains(table) else { return }
            let name = String(cString: nftnl_chain_get_str(chain, UInt16(NFTNL_CHAIN_NAME.rawValue)))
            var definition: InstalledChain.Definition?
            if nftnl_chain_is_set(chain, UInt16(NFTNL_CHAIN_HOOKNUM.rawValue)) {
                definition = .init(
                    kind: String(cString: nftnl_chain_get_str(chain, UInt16(NFTNL_CHAIN_TYPE.rawValue))),
                    hook: nftnl_chain_get_u32(chain, UInt16(NFTNL_CHAIN_HOOKNUM.rawValue)),
                    priority: nftnl_chain_get_s32(chain, UInt16(NFTNL_CHAIN_PRIO.rawValue)),
                    policy: nftnl_chain_get_u32(chain, UInt16(NFTNL_CHAIN_POLICY.rawValue))
                )
            }
            chains[table, default: []].append(InstalledChain(name: name, definition: definition, rules: []))
        }

        var rules: [String: [String: [[NftExpression]]]] = [:]
        try socket.dump(Self.request(NFT_MSG_GETRULE, socket: socket)) { message in
            let rule = nftnl_rule_alloc()!
            defer { nftnl_rule_free(rule) }
            guard nftnl_rule_nlmsg_parse(message, rule) >= 0 else { return }
            let table = String(cString: nftnl_rule_get_str(rule, UInt16(NFTNL_RULE_TABLE.rawValue)))
            guard wanted.contains(table) else { return }
            let chain = String(cString: nftnl_rule_get_str(rule, UInt16(NFTNL_RULE_CHAIN.rawValue)))
            var expressions: [NftExpression] = []
            let iterator = nftnl_expr_iter_create(rule)!
            defer { nftnl_expr_iter_destroy(iterator) }
            while let expression = nftnl_expr_iter_next(iterator) {
                expressions.append(NftExpression(nftnl: expression))
            }
            rules[table, default: [:]][chain, default: []].append(expressions)
        }

        return present.map { table in
            InstalledTable(
                name: table,
                chains: (chains[table] ?? []).map { chain in
                    var chain = chain
                    chain.rules = rules[table]?[chain.name] ?? []
                    return chain
                }
            )
        }
    }

    /// The nftables ruleset generation: it changes with every committed transaction, so equal generations before
    /// and after a read-back prove the separate table, chain and rule dumps saw one consistent ruleset.
    static func generation(on socket: NetlinkSocket) throws(NetlinkError) -> UInt32 {
        let sequence = socket.sequence()
        var bytes = [UInt8](repeating: 0, count: 256)
        bytes.withUnsafeMutableBytes { raw in
            let buffer = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            _ = nftnl_nlmsg_build_hdr(buffer, UInt16(NFT_MSG_GETGEN.rawValue), UInt16(AF_UNSPEC), 0, sequence)
        }
        let length = bytes.withUnsafeBytes { Int($0.load(as: UInt32.self)) }
        try socket.send(Array(bytes[0..<length]))
        var generation: UInt32?
        var failure: NetlinkError?
        try socket.receive(timeout: .seconds(5)) { message in
            guard message.pointee.nlmsg_seq == sequence else { return true }
            if CInt(message.pointee.nlmsg_type) == NLMSG_ERROR {
                let code = NetlinkSocket.errorCode(message)
                if code != 0 { failure = .kernel(errno: code, message: "get ruleset generation", detail: nil) }
                return code == 0 && generation == nil
            }
            let gen = nftnl_gen_alloc()!
            defer { nftnl_gen_free(gen) }
            if nftnl_gen_nlmsg_parse(message, gen) >= 0 {
                generation = nftnl_gen_get_u32(gen, UInt16(NFTNL_GEN_ID))
            }
            return false
        }
        if let failure { throw failure }
        guard let generation else { throw .encoding("the ruleset generation reply") }
        return generation
    }

    /// A dump request for every `inet` object of one kind; returns the bytes and the sequence to match.
    private static func request(_ type: nf_tables_msg_types, socket: NetlinkSocket) -> DumpRequest {
        let sequence = socket.sequence()
        var bytes = [UInt8](repeating: 0, count: 256)
        bytes.withUnsafeMutableBytes { raw in
            let buffer = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            _ = nftnl_nlmsg_build_hdr(buffer, UInt16(type.rawValue), UInt16(NFPROTO_INET), UInt16(NLM_F_DUMP), sequence)
        }
        // The first field of the header is the message length.
        let length = bytes.withUnsafeBytes { Int($0.load(as: UInt32.self)) }
        return DumpRequest(bytes: Array(bytes[0..<length]), sequence: sequence)
    }
}

/// A dump request ready to send.
struct DumpRequest {
    var bytes: [UInt8]
    var sequence: UInt32
}

extension NetlinkSocket {
    /// Sends a dump request and hands each reply message to `handle`.
    func dump(
        _ request: DumpRequest,
        _ handle: (UnsafePointer<nlmsghdr>) throws(NetlinkError) -> Void
    ) throws(NetlinkError) {
        try self.dump(request.bytes, sequence: request.sequence, handle)
    }
}
