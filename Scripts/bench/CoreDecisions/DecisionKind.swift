/// What one measured operation is. The two the aims are about are `l4Decision` and `l7Decision`; the
/// others split them into parts so that a miss can be attributed.
enum DecisionKind: String, CaseIterable {
    case classify
    case routeL4 = "route-l4"
    case pick
    case balancer
    case l4Decision = "l4"
    case routeHTTP = "route-l7"
    case l7Decision = "l7"
    case authorization = "authz"

    var title: String {
        switch self {
        case .classify: return "classify VIP:port"
        case .routeL4: return "routeL4 (incl. classify)"
        case .pick: return "balancer pick (LEAST_REQUEST, balancer known)"
        case .balancer: return "balancer lookup by target + pick"
        case .l4Decision: return "**L4 decision** (routeL4 + balancer)"
        case .routeHTTP: return "routeHTTP (incl. classify)"
        case .l7Decision: return "**L7 decision** (routeHTTP + balancer)"
        case .authorization: return "authorization, per connection"
        }
    }

    /// The aim, in nanoseconds per decision, where it sets one.
    var aimNanoseconds: Double? {
        switch self {
        case .l4Decision: return 300
        case .l7Decision: return 2_000
        default: return nil
        }
    }

    /// The issue wants no allocation on the L4 path.
    var aimAllocations: Double? { self == .l4Decision ? 0 : nil }
}
