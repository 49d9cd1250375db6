import WeftCore

extension HTTPRoute {
    /// Decodes one `http[]` rule and checks how its actions combine (IS virtualservice.go
    /// `validateHTTPRouteConflict`): exactly one of route, redirect, directResponse; redirect and directResponse
    /// exclude route, fault and rewrite; mirror and mirrors exclude each other.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        self.name = reader.string("name")
        self.match = reader.objectList("match") { HTTPMatchRequest(decoding: $0, scope: scope) } ?? []
        self.route = reader.objectList("route") { HTTPRouteDestination(decoding: $0, scope: scope) } ?? []
        RouteWeights.checkTotal(reader, "route", weights: self.route.map(\.weight))
        self.redirect = reader.object("redirect") { HTTPRedirect(decoding: $0) }
        self.directResponse = reader.object("directResponse") { HTTPDirectResponse(decoding: $0) }
        reader.unsupported(
            "delegate",
            "delegate VirtualServices are not supported yet: write the delegated routes here",
        )
        self.rewrite = reader.object("rewrite") { HTTPRewrite(decoding: $0) }
        self.timeout = reader.duration("timeout")
        self.retries = reader.object("retries") { HTTPRetry(decoding: $0) }
        self.fault = reader.object("fault") { HTTPFaultInjection(decoding: $0) }
        self.mirrors = Self.mirrors(reader, scope: scope)
        self.corsPolicy = reader.object("corsPolicy") { CorsPolicy(decoding: $0) }
        if let headers = reader.object("headers", { Headers(decoding: $0) }) { self.headers = headers }
        Self.checkActions(reader)
        self.checkAuthority(reader)
    }

    /// `mirror` + `mirrorPercentage` (or the deprecated `mirrorPercent`) and `mirrors[]`, as one list.
    private static func mirrors(_ reader: FieldReader, scope: VirtualServiceScope) -> [HTTPMirrorPolicy] {
        let mirror = reader.object("mirror") { Destination(decoding: $0, scope: scope) }
        var percentage = PercentageDecoding.mirror(reader, "mirrorPercentage")
        for key in ["mirrorPercent", "mirror_percent"] {
            guard let legacy = reader.int(key, in: 0...100) else { continue }
            if reader.has("mirrorPercentage") {
                reader.warning(key, "is deprecated and ignored because mirrorPercentage is set")
            } else {
                reader.warning(key, "is deprecated: use mirrorPercentage: {value: \(legacy)}")
                percentage = Percentage(Double(legacy))
            }
        }
        let mirrors =
            reader.objectList("mirrors") { entry -> HTTPMirrorPolicy? in
                let destination = entry.object("destination", required: true) {
                    Destination(decoding: $0, scope: scope)
                }
                let percentage = PercentageDecoding.mirror(entry, "percentage")
                guard let destination else { return nil }
                return HTTPMirrorPolicy(destination: destination, percentage: percentage ?? .all)
            } ?? []
        let percentageKeys = ["mirrorPercentage", "mirrorPercent", "mirror_percent"].filter(reader.has)
        if mirror == nil && !reader.has("mirror") {
            for key in percentageKeys {
                reader.warning(key, "has no effect without mirror (each mirrors[] entry has its own percentage)")
            }
        }
        if let mirror { return [HTTPMirrorPolicy(destination: mirror, percentage: percentage ?? .all)] }
        return mirrors
    }

    private static func checkActions(_ reader: FieldReader) {
        let hasRoute = reader.hasNonEmptyList("route")
        if reader.has("redirect") {
            let conflicts = [("route", hasRoute), ("fault", reader.has("fault")), ("rewrite", reader.has("rewrite"))]
            for (key, present) in conflicts where present {
                reader.error(key, "cannot be combined with redirect (a redirect answers the request itself)")
            }
            if reader.has("directResponse") {
                reader.error("directResponse", "cannot be combined with redirect (use one of them)")
            }
        } else if reader.has("directResponse") {
            let conflicts = [("route", hasRoute), ("fault", reader.has("fault")), ("rewrite", reader.has("rewrite"))]
            for (key, present) in conflicts where present {
                reader.error(
                    key,
                    "cannot be combined with directResponse (a direct response answers the request itself)"
                )
            }
        } else if !hasRoute && !reader.has("delegate") {
            reader.context.error(
                .missingField,
                at: reader.path,
                "one of route, redirect or directResponse is required"
            )
        }
        if reader.has("mirror") && reader.hasNonEmptyList("mirrors") {
            reader.error("mirrors", "cannot be combined with mirror (list every mirror under mirrors)")
        }
    }

    /// The authority may be rewritten in one place only: `rewrite.authority`, or setting / adding `:authority` or
    /// `host` in `headers.request` (IS virtualservice.go `validateAuthorityRewrite`).
    private func checkAuthority(_ reader: FieldReader) {
        var current = self.rewrite?.authority.flatMap { $0.isEmpty ? nil : $0 }
        let request = self.headers.request
        let values =
            [":authority", "host"].compactMap { request.set[$0] }
            + [":authority", "host"].compactMap {
                request.add[$0]
            }
        for value in values {
            if let current {
                reader.context.error(
                    .invalidValue,
                    at: reader.field("headers").appending("request"),
                    "sets the authority twice (\"\(current)\", then \"\(value)\"): use only one of rewrite.authority, :authority and host"
                )
                return
            }
            current = value
        }
    }
}
