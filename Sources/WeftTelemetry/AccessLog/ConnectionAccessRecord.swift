/// What the access log says about one proxied TCP connection: ztunnel's `connection opened` and
/// `connection complete` lines (`ztunnel.md` §6.3), as pure values.
///
/// Field order: `src.addr`, `src.workload`, `src.namespace`, `src.identity`, `src.cluster`, `dst.addr`,
/// `dst.hbone_addr`, `dst.service`, `dst.workload`, `dst.namespace`, `dst.identity`, `dst.cluster`, `direction`,
/// then on close `bytes_sent`, `bytes_recv`, `duration`, `error`. A field with no value is left out, as ztunnel
/// leaves out `None`.
package struct ConnectionAccessRecord: Hashable, Sendable {
    /// `outbound` when the client's agent reports, `inbound` when the server's does.
    package enum Direction: String, Hashable, Sendable {
        case inbound
        case outbound
    }

    /// The client's address, `10.248.1.2:43210` or `[fd00:248::2]:43210`.
    package var sourceAddress: String
    /// The client workload's name, else its canonical service.
    package var sourceWorkload: String?
    package var sourceNamespace: String?
    /// The client's SPIFFE ID; set only for mTLS connections, where it was proven.
    package var sourceIdentity: String?
    package var sourceCluster: String?
    /// The address the connection went to: the peer's `IP:15008` for HBONE, the original destination otherwise.
    package var destinationAddress: String
    /// The `:authority` of the HBONE CONNECT (`workloadIP:targetPort`), for tunnelled connections.
    package var destinationHBONEAddress: String?
    /// The addressed service's host name.
    package var destinationService: String?
    package var destinationWorkload: String?
    package var destinationNamespace: String?
    /// The server's SPIFFE ID; set only for mTLS connections.
    package var destinationIdentity: String?
    package var destinationCluster: String?
    package var direction: Direction

    package init(
        sourceAddress: String,
        sourceWorkload: String? = nil,
        sourceNamespace: String? = nil,
        sourceIdentity: String? = nil,
        sourceCluster: String? = nil,
        destinationAddress: String,
        destinationHBONEAddress: String? = nil,
        destinationService: String? = nil,
        destinationWorkload: String? = nil,
        destinationNamespace: String? = nil,
        destinationIdentity: String? = nil,
        destinationCluster: String? = nil,
        direction: Direction
    ) {
        self.sourceAddress = sourceAddress
        self.sourceWorkload = sourceWorkload
        self.sourceNamespace = sourceNamespace
        self.sourceIdentity = sourceIdentity
        self.sourceCluster = sourceCluster
        self.destinationAddress = destinationAddress
        self.destinationHBONEAddress = destinationHBONEAddress
        self.destinationService = destinationService
        self.destinationWorkload = destinationWorkload
        self.destinationNamespace = destinationNamespace
        self.destinationIdentity = destinationIdentity
        self.destinationCluster = destinationCluster
        self.direction = direction
    }

    /// The record ztunnel derives from a connection's metric labels: the direction from the reporter, the
    /// workload falling back to the canonical service, identities only when the connection is mutual TLS.
    package init(
        labels: TrafficLabels,
        sourceAddress: String,
        destinationAddress: String,
        hboneAddress: String? = nil
    ) {
        let mutualTLS = labels.connectionSecurityPolicy == .mutualTLS
        self.init(
            sourceAddress: sourceAddress,
            sourceWorkload: labels.source.workload ?? labels.source.canonicalService,
            sourceNamespace: labels.source.namespace,
            sourceIdentity: mutualTLS ? labels.source.principal : nil,
            sourceCluster: labels.source.cluster,
            destinationAddress: destinationAddress,
            destinationHBONEAddress: hboneAddress,
            destinationService: labels.destinationService?.hostname,
            destinationWorkload: labels.destination.workload ?? labels.destination.canonicalService,
            destinationNamespace: labels.destination.namespace,
            destinationIdentity: mutualTLS ? labels.destination.principal : nil,
            destinationCluster: labels.destination.cluster,
            direction: labels.reporter == .source ? .outbound : .inbound
        )
    }

    /// The `connection opened` line (info).
    package func opened(at time: WallClockTime) -> LogLine {
        LogLine(time: time, level: .info, scope: "access", message: "connection opened", fields: self.commonFields)
    }

    /// The `connection complete` line: info, or error when the connection ended with one.
    package func closed(_ outcome: ConnectionOutcome, at time: WallClockTime) -> LogLine {
        var fields = self.commonFields
        // Istio flips bytes for the source reporter in metrics (istio/istio#32399); the log is from this proxy's
        // view of the mesh side: outbound it sent the client's bytes upstream, inbound it sent the server's back.
        let outbound = self.direction == .outbound
        let bytes = outcome.bytes
        fields.append(LogField("bytes_sent", .unsigned(outbound ? bytes.clientToServer : bytes.serverToClient)))
        fields.append(LogField("bytes_recv", .unsigned(outbound ? bytes.serverToClient : bytes.clientToServer)))
        fields.append(LogField("duration", .string("\(outcome.duration.wholeMilliseconds)ms")))
        if let error = outcome.error {
            fields.append(LogField("error", .string(error)))
        }
        return LogLine(
            time: time,
            level: outcome.error == nil ? .info : .error,
            scope: "access",
            message: "connection complete",
            fields: fields
        )
    }

    private var commonFields: [LogField] {
        var fields: [LogField] = []
        fields.reserveCapacity(17)
        func add(_ key: String, _ value: String?) {
            if let value { fields.append(LogField(key, .string(value))) }
        }
        add("src.addr", self.sourceAddress)
        add("src.workload", self.sourceWorkload)
        add("src.namespace", self.sourceNamespace)
        add("src.identity", self.sourceIdentity)
        add("src.cluster", self.sourceCluster)
        add("dst.addr", self.destinationAddress)
        add("dst.hbone_addr", self.destinationHBONEAddress)
        add("dst.service", self.destinationService)
        add("dst.workload", self.destinationWorkload)
        add("dst.namespace", self.destinationNamespace)
        add("dst.identity", self.destinationIdentity)
        add("dst.cluster", self.destinationCluster)
        add("direction", self.direction.rawValue)
        return fields
    }
}

/// How a connection ended: its bytes by direction, how long it lasted, and the error that ended it, if any.
package struct ConnectionOutcome: Hashable, Sendable {
    package var bytes: ConnectionBytes
    package var duration: Duration
    /// An operator-readable reason; `nil` for a clean close.
    package var error: String?

    package init(bytes: ConnectionBytes, duration: Duration, error: String? = nil) {
        self.bytes = bytes
        self.duration = duration
        self.error = error
    }
}
