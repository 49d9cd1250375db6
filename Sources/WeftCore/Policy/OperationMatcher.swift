/// One compiled `to[].operation` entry: ports are known for every connection; hosts, methods and paths only when
/// the agent reads the HTTP request. Fields are AND'ed, values OR'ed, `not*` matches when none does.
struct OperationMatcher: Hashable, Sendable {
    var ports: Set<Int> = []
    var notPorts: Set<Int> = []
    /// Lower-cased: Istio compares hosts case-insensitively.
    var hosts: [StringPattern] = []
    var notHosts: [StringPattern] = []
    var methods: [StringPattern] = []
    var notMethods: [StringPattern] = []
    var paths: [StringPattern] = []
    var notPaths: [StringPattern] = []

    init(_ operation: AuthorizationPolicy.Operation) {
        self.ports = Set(operation.ports)
        self.notPorts = Set(operation.notPorts)
        self.hosts = operation.hosts.map { StringPattern($0.lowercased()) }
        self.notHosts = operation.notHosts.map { StringPattern($0.lowercased()) }
        self.methods = operation.methods.map(StringPattern.init)
        self.notMethods = operation.notMethods.map(StringPattern.init)
        self.paths = operation.paths.map(StringPattern.init)
        self.notPaths = operation.notPaths.map(StringPattern.init)
    }

    /// Whether any HTTP field is set, so that only an inspected request can be checked against it.
    var usesRequestAttributes: Bool {
        !(self.hosts.isEmpty && self.notHosts.isEmpty && self.methods.isEmpty && self.notMethods.isEmpty
            && self.paths.isEmpty && self.notPaths.isEmpty)
    }

    /// Whether the operation matches; HTTP fields of a request that was not inspected count as `unknownAs`.
    func matches(_ request: AuthorizationRequest, unknownAs: Bool) -> Bool {
        if !self.ports.isEmpty && !self.ports.contains(request.destinationPort) { return false }
        if self.notPorts.contains(request.destinationPort) { return false }
        guard self.usesRequestAttributes else { return true }
        guard let http = request.http else { return unknownAs }
        let host = http.host.lowercased()
        let path = String(http.pathWithoutQuery)
        if !self.hosts.isEmpty && !self.hosts.anyMatches(host) { return false }
        if self.notHosts.anyMatches(host) { return false }
        if !self.methods.isEmpty && !self.methods.anyMatches(http.method) { return false }
        if self.notMethods.anyMatches(http.method) { return false }
        if !self.paths.isEmpty && !self.paths.anyMatches(path) { return false }
        if self.notPaths.anyMatches(path) { return false }
        return true
    }
}
