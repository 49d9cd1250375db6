import CMnl

#if canImport(Glibc)
import Glibc
#endif

/// Installs, removes and reads back ``PolicyRouting`` through rtnetlink (`NETLINK_ROUTE`), the messages
/// `ip rule add fwmark … lookup …` and `ip route add local default dev lo table …` send.
enum PolicyRoutingNetlink {
    /// `lo` is interface 1 in every network namespace (`LOOPBACK_IFINDEX`).
    static let loopbackIndex: UInt32 = 1

    /// Adds the rule and the route for each family. Idempotent: an identical rule already present is left alone
    /// (`NLM_F_EXCL` makes the kernel say `EEXIST` instead of adding a duplicate), the route is replaced.
    static func install(_ routing: PolicyRouting, on socket: NetlinkSocket) throws(NetlinkError) {
        for family in routing.families {
            try Self.request(
                Self.ruleMessage(UInt16(RTM_NEWRULE), flags: NLM_F_CREATE | NLM_F_EXCL, routing, family, socket),
                on: socket,
                tolerating: [EEXIST],
                summary: "add \(family.rawValue) policy rule"
            )
            try Self.request(
                Self.routeMessage(UInt16(RTM_NEWROUTE), flags: NLM_F_CREATE | NLM_F_REPLACE, routing, family, socket),
                on: socket,
                tolerating: [],
                summary: "add \(family.rawValue) local default route"
            )
        }
    }

    /// Deletes the rule and the route of every family, whichever exist.
    static func remove(_ routing: PolicyRouting, on socket: NetlinkSocket) throws(NetlinkError) {
        for family in IPFamily.allCases {
            try Self.request(
                Self.ruleMessage(UInt16(RTM_DELRULE), flags: 0, routing, family, socket),
                on: socket,
                tolerating: [ENOENT],
                summary: "delete \(family.rawValue) policy rule"
            )
            try Self.request(
                Self.routeMessage(UInt16(RTM_DELROUTE), flags: 0, routing, family, socket),
                on: socket,
                tolerating: [ENOENT, ESRCH],
                summary: "delete \(family.rawValue) local default route"
            )
        }
    }

    /// The families for which the rule, and the route, exist.
    static func installed(
        _ routing: PolicyRouting,
        on socket: NetlinkSocket
    ) throws(NetlinkError) -> (rules: Set<IPFamily>, routes: Set<IPFamily>) {
        var rules: Set<IPFamily> = []
        var routes: Set<IPFamily> = []
        for family in IPFamily.allCases {
            let ruleDump = Self.ruleMessage(UInt16(RTM_GETRULE), flags: NLM_F_DUMP, nil, family, socket)
            try socket.dump(ruleDump) { message in
                if Self.ruleMatches(message, routing) { rules.insert(family) }
            }
            let routeDump = Self.routeMessage(UInt16(RTM_GETROUTE), flags: NLM_F_DUMP, nil, family, socket)
            try socket.dump(routeDump) { message in
                if Self.routeMatches(message, routing) { routes.insert(family) }
            }
        }
        return (rules, routes)
    }

    // MARK: - Messages

    private static func addressFamily(_ family: IPFamily) -> UInt8 {
        UInt8(family == .ipv4 ? AF_INET : AF_INET6)
    }

    /// A `fib_rule_hdr` message; with `routing` nil only the family is set (a dump request).
    private static func ruleMessage(
        _ type: UInt16,
        flags: CInt,
        _ routing: PolicyRouting?,
        _ family: IPFamily,
        _ socket: NetlinkSocket
    ) -> DumpRequest {
        Self.message(type, flags: flags, socket: socket) { header in
            let rule = mnl_nlmsg_put_extra_header(header, MemoryLayout<fib_rule_hdr>.size)!
                .assumingMemoryBound(to: fib_rule_hdr.self)
            rule.pointee.family = Self.addressFamily(family)
            guard let routing else { return }
            rule.pointee.table = routing.table < 256 ? UInt8(routing.table) : 0
            rule.pointee.action = UInt8(FR_ACT_TO_TBL)
            mnl_attr_put_u32(header, UInt16(FRA_PRIORITY), routing.priority)
            mnl_attr_put_u32(header, UInt16(FRA_FWMARK), routing.mark)
            mnl_attr_put_u32(header, UInt16(FRA_FWMASK), routing.mask)
            mnl_attr_put_u32(header, UInt16(FRA_TABLE), routing.table)
        }
    }

    /// An `rtmsg` message for `local default dev lo table T`; with `routing` nil only the family (a dump).
    private static func routeMessage(
        _ type: UInt16,
        flags: CInt,
        _ routing: PolicyRouting?,
        _ family: IPFamily,
        _ socket: NetlinkSocket
    ) -> DumpRequest {
        Self.message(type, flags: flags, socket: socket) { header in
            let route = mnl_nlmsg_put_extra_header(header, MemoryLayout<rtmsg>.size)!
                .assumingMemoryBound(to: rtmsg.self)
            route.pointee.rtm_family = Self.addressFamily(family)
            guard let routing else { return }
            route.pointee.rtm_dst_len = 0
            route.pointee.rtm_table = routing.table < 256 ? UInt8(routing.table) : 0
            route.pointee.rtm_protocol = UInt8(RTPROT_BOOT)
            route.pointee.rtm_scope = UInt8(RT_SCOPE_HOST.rawValue)
            route.pointee.rtm_type = UInt8(RTN_LOCAL)
            mnl_attr_put_u32(header, UInt16(RTA_TABLE.rawValue), routing.table)
            mnl_attr_put_u32(header, UInt16(RTA_OIF.rawValue), Self.loopbackIndex)
        }
    }

    private static func message(
        _ type: UInt16,
        flags: CInt,
        socket: NetlinkSocket,
        _ fill: (UnsafeMutablePointer<nlmsghdr>) -> Void
    ) -> DumpRequest {
        let sequence = socket.sequence()
        var bytes = [UInt8](repeating: 0, count: 512)
        let length = bytes.withUnsafeMutableBytes { raw -> Int in
            let header = mnl_nlmsg_put_header(raw.baseAddress)!
            header.pointee.nlmsg_type = type
            header.pointee.nlmsg_flags = UInt16(NLM_F_REQUEST | flags)
            header.pointee.nlmsg_seq = sequence
            fill(header)
            return Int(header.pointee.nlmsg_len)
        }
        return DumpRequest(bytes: Array(bytes[0..<length]), sequence: sequence)
    }

    /// Sends one request with `NLM_F_ACK` and waits for its answer.
    private static func request(
        _ request: DumpRequest,
        on socket: NetlinkSocket,
        tolerating tolerated: Set<CInt>,
        summary: String
    ) throws(NetlinkError) {
        var bytes = request.bytes
        bytes.withUnsafeMutableBytes { raw in
            let header = raw.baseAddress!.assumingMemoryBound(to: nlmsghdr.self)
            header.pointee.nlmsg_flags |= UInt16(NLM_F_ACK)
        }
        try socket.send(bytes)
        var failure: NetlinkError?
        try socket.receive(timeout: .seconds(5)) { message in
            guard message.pointee.nlmsg_seq == request.sequence, CInt(message.pointee.nlmsg_type) == NLMSG_ERROR else {
                return true
            }
            let code = NetlinkSocket.errorCode(message)
            if code != 0, !tolerated.contains(code) {
                failure = .kernel(errno: code, message: summary, detail: NetlinkSocket.extendedMessage(message))
            }
            return false
        }
        if let failure { throw failure }
    }

    // MARK: - Parsing dumps

    /// The u32 attributes of a message after its fixed header of `headerSize` bytes.
    private static func attributes(_ message: UnsafePointer<nlmsghdr>, headerSize: Int) -> [UInt16: UInt32] {
        var values: [UInt16: UInt32] = [:]
        let tail = UnsafeRawPointer(mnl_nlmsg_get_payload_tail(message)!)
        var attribute = UnsafePointer(
            mnl_nlmsg_get_payload_offset(message, headerSize)!.assumingMemoryBound(to: nlattr.self)
        )
        while mnl_attr_ok(attribute, CInt(tail - UnsafeRawPointer(attribute))) {
            if mnl_attr_get_payload_len(attribute) == 4 {
                values[mnl_attr_get_type(attribute)] = mnl_attr_get_u32(attribute)
            }
            attribute = UnsafePointer(mnl_attr_next(attribute)!)
        }
        return values
    }

    private static func ruleMatches(_ message: UnsafePointer<nlmsghdr>, _ routing: PolicyRouting) -> Bool {
        guard CInt(message.pointee.nlmsg_type) == RTM_NEWRULE else { return false }
        let header = mnl_nlmsg_get_payload(message)!.assumingMemoryBound(to: fib_rule_hdr.self).pointee
        let values = Self.attributes(message, headerSize: MemoryLayout<fib_rule_hdr>.size)
        let table = values[UInt16(FRA_TABLE)] ?? UInt32(header.table)
        return header.action == UInt8(FR_ACT_TO_TBL) && table == routing.table
            && values[UInt16(FRA_FWMARK)] == routing.mark && values[UInt16(FRA_FWMASK)] == routing.mask
            && values[UInt16(FRA_PRIORITY)] == routing.priority
    }

    private static func routeMatches(_ message: UnsafePointer<nlmsghdr>, _ routing: PolicyRouting) -> Bool {
        guard CInt(message.pointee.nlmsg_type) == RTM_NEWROUTE else { return false }
        let header = mnl_nlmsg_get_payload(message)!.assumingMemoryBound(to: rtmsg.self).pointee
        let values = Self.attributes(message, headerSize: MemoryLayout<rtmsg>.size)
        let table = values[UInt16(RTA_TABLE.rawValue)] ?? UInt32(header.rtm_table)
        return header.rtm_type == UInt8(RTN_LOCAL) && header.rtm_dst_len == 0 && table == routing.table
            && values[UInt16(RTA_OIF.rawValue)] == Self.loopbackIndex
    }
}
