import CNftnl

/// Encoding to and decoding from libnftnl expression objects. The attribute names mirror `nft --debug=netlink`.
extension NftExpression {
    /// A new libnftnl expression; ownership passes to the rule it is added to.
    func makeNftnlExpression() -> OpaquePointer {
        func make(_ name: String) -> OpaquePointer { nftnl_expr_alloc(name)! }
        func setU32(_ expression: OpaquePointer, _ attribute: Int, _ value: UInt32) {
            nftnl_expr_set_u32(expression, UInt16(attribute), value)
        }
        func setData(_ expression: OpaquePointer, _ attribute: Int, _ data: [UInt8]) {
            data.withUnsafeBytes { _ = nftnl_expr_set(expression, UInt16(attribute), $0.baseAddress, UInt32($0.count)) }
        }
        switch self {
        case .meta(let key, let register):
            let expression = make("meta")
            setU32(expression, NFTNL_EXPR_META_KEY, key.kernelValue)
            setU32(expression, NFTNL_EXPR_META_DREG, register)
            return expression
        case .metaSet(let key, let register):
            let expression = make("meta")
            setU32(expression, NFTNL_EXPR_META_KEY, key.kernelValue)
            setU32(expression, NFTNL_EXPR_META_SREG, register)
            return expression
        case .compare(let op, let register, let data):
            let expression = make("cmp")
            setU32(expression, NFTNL_EXPR_CMP_SREG, register)
            setU32(expression, NFTNL_EXPR_CMP_OP, op.kernelValue)
            setData(expression, NFTNL_EXPR_CMP_DATA, data)
            return expression
        case .payload(let base, let offset, let length, let register):
            let expression = make("payload")
            setU32(expression, NFTNL_EXPR_PAYLOAD_BASE, base.kernelValue)
            setU32(expression, NFTNL_EXPR_PAYLOAD_OFFSET, offset)
            setU32(expression, NFTNL_EXPR_PAYLOAD_LEN, length)
            setU32(expression, NFTNL_EXPR_PAYLOAD_DREG, register)
            return expression
        case .bitwise(let source, let destination, let mask, let xor):
            let expression = make("bitwise")
            setU32(expression, NFTNL_EXPR_BITWISE_SREG, source)
            setU32(expression, NFTNL_EXPR_BITWISE_DREG, destination)
            setU32(expression, NFTNL_EXPR_BITWISE_LEN, UInt32(mask.count))
            setData(expression, NFTNL_EXPR_BITWISE_MASK, mask)
            setData(expression, NFTNL_EXPR_BITWISE_XOR, xor)
            return expression
        case .immediate(let register, let data):
            let expression = make("immediate")
            setU32(expression, NFTNL_EXPR_IMM_DREG, register)
            setData(expression, NFTNL_EXPR_IMM_DATA, data)
            return expression
        case .verdict(let verdict):
            let expression = make("immediate")
            setU32(expression, NFTNL_EXPR_IMM_DREG, NFT_REG_VERDICT.rawValue)
            setU32(expression, NFTNL_EXPR_IMM_VERDICT, verdict.kernelValue)
            return expression
        case .redirect(let register):
            let expression = make("redir")
            setU32(expression, NFTNL_EXPR_REDIR_REG_PROTO_MIN, register)
            setU32(expression, NFTNL_EXPR_REDIR_FLAGS, UInt32(NF_NAT_RANGE_PROTO_SPECIFIED))
            return expression
        case .counter:
            return make("counter")
        case .conntrack(let key, let register):
            let expression = make("ct")
            setU32(expression, NFTNL_EXPR_CT_KEY, key.kernelValue)
            setU32(expression, NFTNL_EXPR_CT_DREG, register)
            return expression
        case .conntrackSet(let key, let register):
            let expression = make("ct")
            setU32(expression, NFTNL_EXPR_CT_KEY, key.kernelValue)
            setU32(expression, NFTNL_EXPR_CT_SREG, register)
            return expression
        case .socket(let key, let level, let register):
            let expression = make("socket")
            setU32(expression, NFTNL_EXPR_SOCKET_KEY, key.kernelValue)
            setU32(expression, NFTNL_EXPR_SOCKET_LEVEL, level)
            setU32(expression, NFTNL_EXPR_SOCKET_DREG, register)
            return expression
        case .fibDestinationType(let register):
            let expression = make("fib")
            setU32(expression, NFTNL_EXPR_FIB_FLAGS, NFTA_FIB_F_DADDR.rawValue)
            setU32(expression, NFTNL_EXPR_FIB_RESULT, NFT_FIB_RESULT_ADDRTYPE.rawValue)
            setU32(expression, NFTNL_EXPR_FIB_DREG, register)
            return expression
        case .unknown(let text):
            // Only the read-back produces these; encoding one is a programming error worth failing loudly on.
            preconditionFailure("cannot encode an unknown expression: \(text)")
        }
    }

    /// The expression a libnftnl object (from a rule dump) represents; `.unknown` for anything Weft never writes.
    init(nftnl expression: OpaquePointer) {
        func u32(_ attribute: Int) -> UInt32 { nftnl_expr_get_u32(expression, UInt16(attribute)) }
        func has(_ attribute: Int) -> Bool { nftnl_expr_is_set(expression, UInt16(attribute)) }
        func data(_ attribute: Int) -> [UInt8] {
            var length: UInt32 = 0
            guard let pointer = nftnl_expr_get(expression, UInt16(attribute), &length) else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
        }
        let name = String(cString: nftnl_expr_get_str(expression, UInt16(NFTNL_EXPR_NAME)))
        switch name {
        case "meta":
            guard let key = NftMetaKey(kernelValue: u32(NFTNL_EXPR_META_KEY)) else {
                self = .unknown("meta key \(u32(NFTNL_EXPR_META_KEY))")
                return
            }
            self =
                has(NFTNL_EXPR_META_DREG)
                ? .meta(key, register: u32(NFTNL_EXPR_META_DREG))
                : .metaSet(key, register: u32(NFTNL_EXPR_META_SREG))
        case "cmp":
            guard let op = NftCompareOperator(kernelValue: u32(NFTNL_EXPR_CMP_OP)) else {
                self = .unknown("cmp op \(u32(NFTNL_EXPR_CMP_OP))")
                return
            }
            self = .compare(op, register: u32(NFTNL_EXPR_CMP_SREG), data: data(NFTNL_EXPR_CMP_DATA))
        case "payload":
            guard let base = NftPayloadBase(kernelValue: u32(NFTNL_EXPR_PAYLOAD_BASE)), has(NFTNL_EXPR_PAYLOAD_DREG)
            else {
                self = .unknown("payload base \(u32(NFTNL_EXPR_PAYLOAD_BASE))")
                return
            }
            self = .payload(
                base,
                offset: u32(NFTNL_EXPR_PAYLOAD_OFFSET),
                length: u32(NFTNL_EXPR_PAYLOAD_LEN),
                register: u32(NFTNL_EXPR_PAYLOAD_DREG)
            )
        case "bitwise":
            self = .bitwise(
                source: u32(NFTNL_EXPR_BITWISE_SREG),
                destination: u32(NFTNL_EXPR_BITWISE_DREG),
                mask: data(NFTNL_EXPR_BITWISE_MASK),
                xor: data(NFTNL_EXPR_BITWISE_XOR)
            )
        case "immediate":
            if u32(NFTNL_EXPR_IMM_DREG) == NFT_REG_VERDICT.rawValue {
                let code = u32(NFTNL_EXPR_IMM_VERDICT)
                self =
                    NftVerdict(kernelValue: code).map { .verdict($0) } ?? .unknown("verdict \(Int32(bitPattern: code))")
            } else {
                self = .immediate(register: u32(NFTNL_EXPR_IMM_DREG), data: data(NFTNL_EXPR_IMM_DATA))
            }
        case "redir":
            let flags = has(NFTNL_EXPR_REDIR_FLAGS) ? u32(NFTNL_EXPR_REDIR_FLAGS) : 0
            let minimum = u32(NFTNL_EXPR_REDIR_REG_PROTO_MIN)
            // The kernel reports the upper port register as the lower one when only one was given.
            let maximum = has(NFTNL_EXPR_REDIR_REG_PROTO_MAX) ? u32(NFTNL_EXPR_REDIR_REG_PROTO_MAX) : minimum
            if flags == UInt32(NF_NAT_RANGE_PROTO_SPECIFIED), has(NFTNL_EXPR_REDIR_REG_PROTO_MIN), maximum == minimum {
                self = .redirect(portRegister: minimum)
            } else {
                self = .unknown("redir flags \(flags)")
            }
        case "counter":
            self = .counter
        case "ct":
            guard let key = NftConntrackKey(kernelValue: u32(NFTNL_EXPR_CT_KEY)), !has(NFTNL_EXPR_CT_DIR) else {
                self = .unknown("ct key \(u32(NFTNL_EXPR_CT_KEY))")
                return
            }
            self =
                has(NFTNL_EXPR_CT_DREG)
                ? .conntrack(key, register: u32(NFTNL_EXPR_CT_DREG))
                : .conntrackSet(key, register: u32(NFTNL_EXPR_CT_SREG))
        case "socket":
            guard let key = NftSocketKey(kernelValue: u32(NFTNL_EXPR_SOCKET_KEY)) else {
                self = .unknown("socket key \(u32(NFTNL_EXPR_SOCKET_KEY))")
                return
            }
            self = .socket(key, level: u32(NFTNL_EXPR_SOCKET_LEVEL), register: u32(NFTNL_EXPR_SOCKET_DREG))
        case "fib":
            if u32(NFTNL_EXPR_FIB_FLAGS) == NFTA_FIB_F_DADDR.rawValue,
                u32(NFTNL_EXPR_FIB_RESULT) == NFT_FIB_RESULT_ADDRTYPE.rawValue
            {
                self = .fibDestinationType(register: u32(NFTNL_EXPR_FIB_DREG))
            } else {
                self = .unknown("fib flags \(u32(NFTNL_EXPR_FIB_FLAGS)) result \(u32(NFTNL_EXPR_FIB_RESULT))")
            }
        default:
            self = .unknown(name)
        }
    }
}

// MARK: - Kernel values

extension NftMetaKey {
    var kernelValue: UInt32 {
        switch self {
        case .l4proto: return NFT_META_L4PROTO.rawValue
        case .nfproto: return NFT_META_NFPROTO.rawValue
        case .mark: return NFT_META_MARK.rawValue
        case .oifname: return NFT_META_OIFNAME.rawValue
        }
    }

    init?(kernelValue: UInt32) {
        guard let key = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = key
    }
}

extension NftConntrackKey {
    var kernelValue: UInt32 {
        switch self {
        case .mark: return NFT_CT_MARK.rawValue
        case .zone: return NFT_CT_ZONE.rawValue
        }
    }

    init?(kernelValue: UInt32) {
        guard let key = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = key
    }
}

extension NftSocketKey {
    var kernelValue: UInt32 {
        switch self {
        case .cgroupv2: return NFT_SOCKET_CGROUPV2.rawValue
        }
    }

    init?(kernelValue: UInt32) {
        guard let key = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = key
    }
}

extension NftPayloadBase {
    var kernelValue: UInt32 {
        switch self {
        case .network: return NFT_PAYLOAD_NETWORK_HEADER.rawValue
        case .transport: return NFT_PAYLOAD_TRANSPORT_HEADER.rawValue
        }
    }

    init?(kernelValue: UInt32) {
        guard let base = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = base
    }
}

extension NftCompareOperator {
    var kernelValue: UInt32 {
        switch self {
        case .equal: return NFT_CMP_EQ.rawValue
        case .notEqual: return NFT_CMP_NEQ.rawValue
        }
    }

    init?(kernelValue: UInt32) {
        guard let op = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = op
    }
}

extension NftVerdict {
    var kernelValue: UInt32 {
        switch self {
        case .accept: return UInt32(NF_ACCEPT)
        case .drop: return UInt32(NF_DROP)
        }
    }

    init?(kernelValue: UInt32) {
        guard let verdict = Self.allCases.first(where: { $0.kernelValue == kernelValue }) else { return nil }
        self = verdict
    }
}
