/// What a consistent-hash key is read from for one decision: the request head (HTTP) and the client address.
/// Without a request only `useSourceIp` finds a key (Envoy's TCP proxy hashes nothing else either).
struct RequestHashSource: HashKeySource {
    let request: HTTPRequestHead?
    let sourceAddress: IPAddress?

    func headerValue(named name: String) -> String? {
        self.request?.header(name)
    }

    var pathWithQuery: String? { self.request?.path }
}
