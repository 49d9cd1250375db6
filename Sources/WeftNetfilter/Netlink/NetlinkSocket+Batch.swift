import CMnl

extension NetlinkSocket {
    /// Sends `batch` as one `sendto` and reads a reply for every message in it. The batch failed if any reply is
    /// an error, even though the kernel also acknowledges the other messages of an aborted transaction
    /// (swift-notes §1: ACKs are not proof of commit). Errors name the message the kernel refused.
    func commit(_ batch: NftBatch, timeout: Duration = .seconds(10)) throws(NetlinkError) {
        var pending = Set(batch.messages.map(\.sequence))
        let summaries = Dictionary(uniqueKeysWithValues: batch.messages.map { ($0.sequence, $0.summary) })
        let frame: Set<UInt32> = [batch.beginSequence, batch.endSequence]
        var failures: [NetlinkError] = []
        try self.send(batch.bytes)
        do throws(NetlinkError) {
            try self.receive(timeout: timeout) { message in
                guard CInt(message.pointee.nlmsg_type) == NLMSG_ERROR else { return true }
                let sequence = message.pointee.nlmsg_seq
                let code = Self.errorCode(message)
                if frame.contains(sequence) {
                    // The transaction itself was refused (no permission, no nf_tables): no per-message replies follow.
                    if code != 0 {
                        failures.append(.kernel(errno: code, message: "batch", detail: Self.extendedMessage(message)))
                        return false
                    }
                    return true
                }
                guard pending.remove(sequence) != nil else { return true }
                if code != 0 {
                    failures.append(
                        .kernel(
                            errno: code,
                            message: summaries[sequence] ?? "message \(sequence)",
                            detail: Self.extendedMessage(message)
                        )
                    )
                }
                return !pending.isEmpty
            }
        } catch {
            if let first = failures.first { throw first }
            throw error
        }
        if let first = failures.first { throw first }
    }
}
