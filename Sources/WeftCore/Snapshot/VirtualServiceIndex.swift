/// The compiled VirtualServices of a snapshot and the lookup of the one that routes a service for a client.
struct VirtualServiceIndex: Sendable {
    let virtualServices: [CompiledVirtualService]
    private let byHost: [String: [Int]]
    private let wildcards: [Int]

    init(_ virtualServices: [CompiledVirtualService]) {
        self.virtualServices = virtualServices
        var byHost: [String: [Int]] = [:]
        var wildcards: [Int] = []
        for (index, virtualService) in virtualServices.enumerated() {
            for host in Set(virtualService.hosts) {
                if host.hasPrefix("*") {
                    if wildcards.last != index { wildcards.append(index) }
                } else {
                    byHost[host, default: []].append(index)
                }
            }
        }
        self.byHost = byHost
        self.wildcards = wildcards
    }

    /// VirtualServices with a host covering `hostname`, in config order, whether or not they apply to mesh traffic.
    func covering(_ hostname: String) -> [Int] {
        let exact = self.byHost[hostname] ?? []
        let wild = self.wildcards.filter { index in
            self.virtualServices[index].hosts.contains { MeshHostnames.matches(pattern: $0, host: hostname) }
        }
        return Array(Set(exact + wild)).sorted()
    }

    /// The VirtualService that routes mesh traffic to `service` for each client namespace.
    ///
    /// Istio lists the VirtualServices a client sees as: private to the client's namespace, then exported to it by
    /// name, then public, each in creation order (here: config order); the most specific host wins, then that
    /// order. Only one VirtualService routes a host; later ones for the same host are ignored, as in Istio.
    func candidates(for service: MeshService) -> NamespaceScoped<Int?> {
        let covering = self.covering(service.hostname).filter { self.virtualServices[$0].appliesToMesh }
        var namespaces: Set<String> = []
        for index in covering {
            namespaces.insert(self.virtualServices[index].namespace)
            namespaces.formUnion(self.virtualServices[index].exportScope.namespaces)
        }
        return NamespaceScoped(namespaces: namespaces) { client in
            let visible = covering.filter { self.virtualServices[$0].exportScope.isVisible(from: client) }
            func tier(_ index: Int) -> Int {
                let virtualService = self.virtualServices[index]
                if virtualService.exportScope.isPublic { return 2 }
                return virtualService.namespace == client && virtualService.exportScope.namespaces == [client] ? 0 : 1
            }
            func specificity(_ index: Int) -> Int {
                self.virtualServices[index].hosts
                    .filter { MeshHostnames.matches(pattern: $0, host: service.hostname) }
                    .map(MeshHostnames.specificity(of:)).max() ?? 0
            }
            return visible.min { a, b in
                let (sa, sb) = (specificity(a), specificity(b))
                if sa != sb { return sa > sb }
                let (ta, tb) = (tier(a), tier(b))
                if ta != tb { return ta < tb }
                return a < b
            }
        }
    }
}
