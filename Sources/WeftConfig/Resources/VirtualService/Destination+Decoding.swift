import WeftCore

extension Destination {
    /// Decodes `destination: {host, subset, port: {number}}` and notes the subset, if any, so that the
    /// cross-resource check can look for a DestinationRule defining it.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        var hostIsValid = false
        if let host = reader.string("host", required: true) {
            if let problem = IstioHostNames.destinationHostProblem(host) {
                reader.error("host", problem)
            } else {
                hostIsValid = true
            }
            self.host = host
        }
        // An empty subset is proto3's "not set", as in Istio.
        if let subset = reader.string("subset"), !subset.isEmpty {
            if IstioHostNames.isLabel(Substring(subset)) {
                self.subset = subset
                if hostIsValid {
                    reader.context.subsetReferences.append(
                        SubsetReference(
                            host: self.host,
                            namespace: scope.namespace,
                            subset: subset,
                            field: reader.field("subset")
                        )
                    )
                }
            } else {
                reader.error("subset", "\"\(subset)\" is not a valid subset name (a DNS label: letters, digits, '-')")
            }
        }
        self.port = reader.object("port") { $0.int("number", in: 1...65535, required: true) } ?? nil
    }
}

extension HTTPRouteDestination {
    /// Decodes one `http[].route[]` entry: a destination, its relative weight and its header operations.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        if let destination = reader.object("destination", required: true, { Destination(decoding: $0, scope: scope) }) {
            self.destination = destination
        }
        self.weight = RouteWeights.weight(reader)
        if let headers = reader.object("headers", { Headers(decoding: $0) }) { self.headers = headers }
    }
}

extension RouteDestination {
    /// Decodes one `tcp[].route[]` entry.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        if let destination = reader.object("destination", required: true, { Destination(decoding: $0, scope: scope) }) {
            self.destination = destination
        }
        self.weight = RouteWeights.weight(reader)
    }
}

/// Istio's weight rules (ztunnel.md §7.3): only a negative weight is an error; there is no upper bound and no
/// sum-to-100 rule (shares are w/Σw); with two or more destinations the total must not be 0.
enum RouteWeights {
    /// Reads `weight`. Returns the value even when it is invalid (after reporting), so totals add up as Istio's do.
    static func weight(_ reader: FieldReader) -> Int? {
        guard let weight = reader.int("weight") else { return nil }
        if weight < 0 {
            reader.error("weight", "must not be negative (got \(weight))")
        } else if weight > Int(Int32.max) {
            reader.error("weight", "must be at most \(Int32.max) (got \(weight))")
        }
        return weight
    }

    /// Reports a list of two or more destinations whose weights add up to 0 (nobody would get traffic).
    static func checkTotal(_ reader: FieldReader, _ key: String, weights: [Int?]) {
        guard weights.count > 1, weights.reduce(0, { $0 + ($1 ?? 0) }) == 0 else { return }
        reader.error(
            key,
            "the weights of the \(weights.count) destinations add up to 0: give at least one a positive weight"
        )
    }
}

/// Reads Istio's `Percent` message (`{value: 12.5}`).
enum PercentageDecoding {
    /// A fault-injection percentage: 0, or between 0.0001 and 100 (IS validation.go `validatePercentage`).
    static func fault(_ reader: FieldReader, _ key: String) -> Percentage? {
        reader.object(key) { percentage in
            guard percentage.has("value") else {
                percentage.ignore("value")
                return Percentage.none
            }
            guard let value = percentage.double("value") else { return nil }
            if value < 0 || value > 100 || (value > 0 && value < 0.0001) {
                percentage.error(
                    "value",
                    "must be 0 or between 0.0001 and 100 (got \(ScalarReading.format(value)))"
                )
                return nil
            }
            return Percentage(value)
        }
    }

    /// A mirror percentage: 0 to 100.
    static func mirror(_ reader: FieldReader, _ key: String) -> Percentage? {
        reader.object(key) { percentage in
            guard percentage.has("value") else {
                percentage.ignore("value")
                return Percentage.none
            }
            return percentage.double("value", in: 0...100).map(Percentage.init)
        }
    }
}
