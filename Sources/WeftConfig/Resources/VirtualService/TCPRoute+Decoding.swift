import WeftCore

extension TCPRoute {
    /// Decodes one `tcp[]` rule: optional L4 matches and a required, weighted list of destinations.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        self.match = reader.objectList("match") { L4MatchAttributes(decoding: $0) } ?? []
        let route = reader.objectList("route") { RouteDestination(decoding: $0, scope: scope) }
        if !reader.has("route") {
            reader.missing("route")
        } else if route?.isEmpty == true && !reader.hasNonEmptyList("route") {
            reader.error("route", "must list at least one destination", code: .missingField)
        }
        self.route = route ?? []
        RouteWeights.checkTotal(reader, "route", weights: self.route.map(\.weight))
    }
}

extension L4MatchAttributes {
    /// Decodes one `tcp[].match[]` entry.
    init(decoding reader: FieldReader) {
        self.init()
        if let subnets = reader.stringList("destinationSubnets") {
            for (offset, text) in subnets.enumerated() {
                do {
                    self.destinationSubnets.append(try CIDR(parsing: text))
                } catch {
                    reader.context.error(
                        .invalidValue,
                        at: reader.field("destinationSubnets").appending(index: offset),
                        error.description
                    )
                }
            }
        }
        self.port = reader.int("port", in: 1...65535)
        self.sourceLabels = LabelsDecoding.labels(reader, "sourceLabels") ?? [:]
        self.sourceNamespace = SourceDecoding.namespace(reader)
        self.gateways = IstioHostNames.gateways(reader, "gateways") ?? []
        reader.unsupported(
            "sourceSubnet",
            "is not supported (Istio ignores it too): use an AuthorizationPolicy ipBlocks"
        )
    }
}
