import WeftCore

/// A route or mirror destination that names a subset, recorded while decoding so that the cross-resource check can
/// report it, at its own field path, when no DestinationRule defines that subset.
struct SubsetReference: Hashable, Sendable {
    /// The destination host as written (`reviews` or `reviews.default.svc.cluster.local`).
    var host: String
    /// The namespace of the referring resource, which completes a short host name.
    var namespace: String
    var subset: String
    /// Where the subset is named, e.g. `spec.http[1].route[0].destination.subset`.
    var field: FieldPath
}
