import CMnl
import WeftSystem

#if canImport(Glibc)
import Glibc
#endif

/// A netlink socket (libmnl) opened inside a network namespace, with bounded waits for replies.
///
/// The socket's namespace is fixed when it is created, so it is opened inside ``NetworkNamespace/withEntered(_:)``
/// and used afterwards from wherever the caller runs; no thread stays in the workload's namespace.
final class NetlinkSocket {
    private let socket: OpaquePointer
    /// The kernel-assigned port id, the destination of every reply.
    let portID: UInt32
    private var nextSequence: UInt32
    private var buffer: [UInt8]

    /// Opens and binds a socket of `bus` (`NETLINK_NETFILTER`, `NETLINK_ROUTE`) in `namespace`.
    init(bus: CInt, in namespace: NetworkNamespace?) throws(NetlinkError) {
        let opened: OpaquePointer?
        do {
            opened = try namespace.withEntered { mnl_socket_open(bus) }
        } catch {
            throw .system(error as? SystemError ?? SystemError("setns", errno: EINVAL))
        }
        guard let socket = opened else { throw .system(.last("netlink socket")) }
        guard mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
            let error = SystemError.last("bind netlink socket")
            mnl_socket_close(socket)
            throw .system(error)
        }
        var one: CInt = 1
        // Acknowledgements without a copy of the request: a big batch would otherwise overflow the receive buffer.
        _ = mnl_socket_setsockopt(socket, CInt(NETLINK_CAP_ACK), &one, socklen_t(MemoryLayout<CInt>.size))
        // Error messages from the kernel (extended ACK) name the attribute it refused.
        _ = mnl_socket_setsockopt(socket, CInt(NETLINK_EXT_ACK), &one, socklen_t(MemoryLayout<CInt>.size))
        var receiveBuffer: CInt = 4 << 20
        _ = setsockopt(
            mnl_socket_get_fd(socket),
            SOL_SOCKET,
            SO_RCVBUFFORCE,
            &receiveBuffer,
            socklen_t(MemoryLayout<CInt>.size)
        )
        self.socket = socket
        self.portID = mnl_socket_get_portid(socket)
        // Replies come only to this socket's port id, so sequence numbers need to be unique per socket only.
        self.nextSequence = 0
        self.buffer = [UInt8](repeating: 0, count: 1 << 17)
    }

    deinit {
        mnl_socket_close(self.socket)
    }

    /// A fresh sequence number.
    func sequence() -> UInt32 {
        self.nextSequence &+= 1
        return self.nextSequence
    }

    /// Sends one buffer holding one or more netlink messages.
    func send(_ bytes: [UInt8]) throws(NetlinkError) {
        let sent = bytes.withUnsafeBytes { mnl_socket_sendto(self.socket, $0.baseAddress, $0.count) }
        guard sent == bytes.count else { throw .system(.last("netlink send")) }
    }

    /// Waits at most `timeout` for data, then hands every message received to `handle`, which returns false once
    /// it has seen everything it waits for. Returns when `handle` says so; throws on timeout.
    func receive(
        timeout: Duration,
        _ handle: (UnsafePointer<nlmsghdr>) throws(NetlinkError) -> Bool
    ) throws(NetlinkError) {
        let deadline = ContinuousClock.now + timeout
        let fd = mnl_socket_get_fd(self.socket)
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timeout }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = CInt(min(remaining.components.seconds * 1000 + 1, 60_000))
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .system(.last("poll netlink socket"))
            }
            if ready == 0 { continue }
            let count = self.buffer.withUnsafeMutableBytes {
                mnl_socket_recvfrom(self.socket, $0.baseAddress, $0.count)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .system(.last("netlink receive"))
            }
            var more = true
            var failure: NetlinkError?
            self.buffer.withUnsafeBytes { raw in
                var remainingBytes = CInt(count)
                var message = raw.baseAddress!.assumingMemoryBound(to: nlmsghdr.self)
                while more, mnl_nlmsg_ok(message, remainingBytes) {
                    do throws(NetlinkError) {
                        more = try handle(message)
                    } catch {
                        failure = error
                        return
                    }
                    guard let next = mnl_nlmsg_next(message, &remainingBytes) else { break }
                    message = UnsafePointer(next)
                }
            }
            if let failure { throw failure }
            if !more { return }
        }
    }

    /// Sends a dump request and hands each reply message to `handle` until the kernel says `NLMSG_DONE`.
    func dump(
        _ request: [UInt8],
        sequence: UInt32,
        timeout: Duration = .seconds(5),
        _ handle: (UnsafePointer<nlmsghdr>) throws(NetlinkError) -> Void
    ) throws(NetlinkError) {
        try self.send(request)
        var interrupted = false
        try self.receive(timeout: timeout) { (message) throws(NetlinkError) -> Bool in
            guard message.pointee.nlmsg_seq == sequence else { return true }
            if message.pointee.nlmsg_flags & UInt16(NLM_F_DUMP_INTR) != 0 { interrupted = true }
            switch CInt(message.pointee.nlmsg_type) {
            case NLMSG_DONE:
                return false
            case NLMSG_ERROR:
                let error = Self.errorCode(message)
                if error != 0 { throw .kernel(errno: error, message: "dump", detail: Self.extendedMessage(message)) }
                return true
            default:
                try handle(message)
                return true
            }
        }
        // The kernel's state changed while it was being dumped; the caller reads again.
        if interrupted { throw .kernel(errno: EINTR, message: "dump interrupted by a concurrent change", detail: nil) }
    }

    /// The positive `errno` in an `NLMSG_ERROR` message; 0 is an acknowledgement.
    static func errorCode(_ message: UnsafePointer<nlmsghdr>) -> CInt {
        let payload = mnl_nlmsg_get_payload(message).assumingMemoryBound(to: nlmsgerr.self)
        return -payload.pointee.error
    }

    /// The kernel's explanation (`NLMSGERR_ATTR_MSG`) attached to an error, when there is one.
    static func extendedMessage(_ message: UnsafePointer<nlmsghdr>) -> String? {
        guard message.pointee.nlmsg_flags & UInt16(NLM_F_ACK_TLVS) != 0 else { return nil }
        let header = mnl_nlmsg_get_payload(message).assumingMemoryBound(to: nlmsgerr.self)
        // With NETLINK_CAP_ACK the echoed request is only its header, unless the message says it is capped.
        var offset = MemoryLayout<nlmsgerr>.size
        if message.pointee.nlmsg_flags & UInt16(NLM_F_CAPPED) == 0 {
            offset += Int(header.pointee.msg.nlmsg_len) - MemoryLayout<nlmsghdr>.size
        }
        let start = UnsafeRawPointer(mnl_nlmsg_get_payload(message)!) + offset
        let end = UnsafeRawPointer(message) + Int(message.pointee.nlmsg_len)
        var attribute = start.assumingMemoryBound(to: nlattr.self)
        while mnl_attr_ok(attribute, CInt(end - UnsafeRawPointer(attribute))) {
            if mnl_attr_get_type(attribute) == UInt16(NLMSGERR_ATTR_MSG.rawValue) {
                return String(cString: mnl_attr_get_str(attribute))
            }
            attribute = UnsafePointer(mnl_attr_next(attribute))
        }
        return nil
    }
}
