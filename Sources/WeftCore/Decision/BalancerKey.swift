/// Names one balancing destination of a snapshot: a service port, optionally a subset, under the DestinationRule
/// that applies (two clients whose rules differ balance over different subsets and policies).
package struct BalancerKey: Hashable, Sendable, CustomStringConvertible {
    package var hostname: String
    package var port: Int
    package var subset: String?
    package var destinationRule: ResourceID?

    package init(hostname: String, port: Int, subset: String?, destinationRule: ResourceID?) {
        self.hostname = hostname
        self.port = port
        self.subset = subset
        self.destinationRule = destinationRule
    }

    /// The key of a route target.
    package init(_ target: RouteTarget) {
        self.init(
            hostname: target.hostname,
            port: target.port,
            subset: target.subset,
            destinationRule: target.destinationRule
        )
    }

    package var description: String {
        "\(self.hostname):\(self.port)" + (self.subset.map { " subset \($0)" } ?? "")
    }
}
