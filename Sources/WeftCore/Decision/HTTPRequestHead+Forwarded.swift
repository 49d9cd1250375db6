extension HTTPRequestHead {
    /// The request as it leaves toward the destination: the route's path and authority rewrites applied, then
    /// its request header operations in order (route level, then destination level), each as Envoy applies
    /// them: removals, then `set` (replace), then `add` (append).
    func forwarded(by plan: HTTPRoutePlan, _ forward: ForwardAction) -> HTTPRequestHead {
        guard forward.path != nil || forward.authority != nil || !plan.requestHeaders.isEmpty else { return self }
        var request = self
        if let path = forward.path { request.path = path }
        if let authority = forward.authority { request.authority = authority }
        for operations in plan.requestHeaders {
            let removed = Set(operations.remove.map { $0.lowercased() }).union(
                operations.set.keys.map { $0.lowercased() }
            )
            request.headers.removeAll { removed.contains($0.name) }
            for (name, value) in operations.set.sorted(by: { $0.key < $1.key }) {
                request.headers.append(HTTPHeaderField(name, value))
            }
            for (name, value) in operations.add.sorted(by: { $0.key < $1.key }) {
                request.headers.append(HTTPHeaderField(name, value))
            }
        }
        return request
    }
}

extension HTTPRequestAttributes {
    /// What authorization sees of a request head: method, path, `:authority` as the host, and the headers.
    package init(head: HTTPRequestHead) {
        self.init(
            method: head.method,
            path: head.path,
            host: head.authority,
            headers: head.headers.map { (name: $0.name, value: $0.value) }
        )
    }
}
