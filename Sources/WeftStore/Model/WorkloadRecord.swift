import WeftCore

/// One enrolled workload as the registry keeps it: everything the agent needs to re-attach it after a restart
/// (capture place, addresses) and everything routing and policy select on (namespace, service account, labels).
///
/// WeftCore has no equivalent value (its `InterceptionEnrollment` in WeftNetfilter is the *derived* capture plan,
/// without identity or labels), so the registry defines it here.
package struct WorkloadRecord: Hashable, Sendable {
    package var name: String
    /// Mesh namespace; `default` unless enrolled with `--namespace`.
    package var namespace: String
    /// The identity's service account (`spiffe://TD/ns/NAMESPACE/sa/SERVICE-ACCOUNT`); `default` unless given.
    package var serviceAccount: String
    package var labels: [String: String]
    /// The workload's addresses, read from its namespace at enrollment.
    package var addresses: [IPAddress]
    /// The node (agent) that enrolled it and captures its traffic.
    package var node: String
    package var capture: WorkloadCapture
    /// Redirect the workload's DNS to the agent's proxy (off with `--no-dns-capture`).
    package var dnsCapture: Bool
    /// Ports the workload declares it serves; host mode captures inbound TCP to exactly these.
    package var ports: [UInt16]

    package init(
        name: String,
        namespace: String = "default",
        serviceAccount: String = "default",
        labels: [String: String] = [:],
        addresses: [IPAddress] = [],
        node: String,
        capture: WorkloadCapture,
        dnsCapture: Bool = true,
        ports: [UInt16] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.labels = labels
        self.addresses = addresses
        self.node = node
        self.capture = capture
        self.dnsCapture = dnsCapture
        self.ports = ports
    }

    package var key: WorkloadKey { WorkloadKey(namespace: self.namespace, name: self.name) }

    /// The workload's SPIFFE identity in `trustDomain`.
    package func identity(trustDomain: String) throws(SpiffeID.ParseError) -> SpiffeID {
        try SpiffeID(trustDomain: trustDomain, namespace: self.namespace, serviceAccount: self.serviceAccount)
    }

    /// The first problem that makes the record unfit to store, or nil. Checked on every put, so that a registry
    /// read back after a restart never holds a workload the agent cannot re-attach.
    package var problem: String? {
        let nameBytes = "abcdefghijklmnopqrstuvwxyz0123456789-_."
        if !(1...64).contains(self.name.utf8.count) || !self.name.allSatisfy({ nameBytes.contains($0) }) {
            return "name \"\(self.name)\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"
        }
        if !Names.isDNSLabel(self.namespace) {
            return "namespace \"\(self.namespace)\" is not a valid namespace (a DNS label: a-z, 0-9, '-')"
        }
        if (try? self.identity(trustDomain: "cluster.local")) == nil {
            return
                "service account \"\(self.serviceAccount)\" is not valid in a SPIFFE ID (letters, digits, '.', '-', '_')"
        }
        for (key, value) in self.labels.sorted(by: { $0.key < $1.key }) {
            if let problem = Names.labelKeyProblem(key) ?? Names.labelValueProblem(value) { return problem }
        }
        if self.node.isEmpty { return "node must not be empty" }
        if self.ports.contains(0) { return "port 0 is not a port a workload can serve" }
        return nil
    }
}
