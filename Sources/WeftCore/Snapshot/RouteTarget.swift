/// Where routed traffic goes: one service port, optionally narrowed to a subset, with the endpoints to balance
/// over and the traffic policy that applies. This is where routing stops and balancing starts: the balancer picks
/// among `endpoints` (healthy ones unless it panics) following `trafficPolicy.loadBalancer`.
package struct RouteTarget: Hashable, Sendable, CustomStringConvertible {
    package var hostname: String
    package var serviceNamespace: String
    package var port: Int
    package var subset: String?
    /// Every endpoint of the service port (and subset), healthy or not.
    package var endpoints: [ServiceEndpoint]
    package var trafficPolicy: ResolvedTrafficPolicy
    /// The DestinationRule the policy and subset come from; nil when none applies.
    package var destinationRule: ResourceID?
    /// `passthrough`: connect to the original destination instead of an endpoint.
    package var resolution: MeshService.Resolution

    package init(
        hostname: String,
        serviceNamespace: String,
        port: Int,
        subset: String? = nil,
        endpoints: [ServiceEndpoint],
        trafficPolicy: ResolvedTrafficPolicy = .defaults,
        destinationRule: ResourceID? = nil,
        resolution: MeshService.Resolution = .endpoints
    ) {
        self.hostname = hostname
        self.serviceNamespace = serviceNamespace
        self.port = port
        self.subset = subset
        self.endpoints = endpoints
        self.trafficPolicy = trafficPolicy
        self.destinationRule = destinationRule
        self.resolution = resolution
    }

    /// `reviews.default.svc.cluster.local:9080 subset v2`.
    package var description: String {
        "\(self.hostname):\(self.port)" + (self.subset.map { " subset \($0)" } ?? "")
    }
}
