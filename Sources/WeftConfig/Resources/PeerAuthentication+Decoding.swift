import WeftCore

extension PeerAuthentication {
    /// Decodes and validates a `security.istio.io` PeerAuthentication spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        self.selector = spec.object("selector") { SelectorDecoding.workloadSelector($0) }
        if let mode = spec.object("mtls", { mtls in mtls.enumValue("mode", as: MTLSMode.self) }) ?? nil {
            self.mode = mode
            if mode == .disable {
                spec.context.warning(
                    .deprecated,
                    at: "spec.mtls.mode",
                    "DISABLE acts as PERMISSIVE: traffic between enrolled workloads is always mutual TLS (as in Istio ambient)"
                )
            }
        }
        let portLevel =
            spec.objectMap("portLevelMtls") { key, reader -> MTLSMode? in
                let path = reader.path
                guard let port = Int(key), (1...65535).contains(port) else {
                    spec.context.error(.invalidValue, at: path, "port must be between 1 and 65535 (got \"\(key)\")")
                    reader.ignore("mode")
                    return nil
                }
                guard let mode = reader.enumValue("mode", as: MTLSMode.self) else { return nil }
                if mode == .disable {
                    spec.context.warning(.deprecated, at: path.appending("mode"), "DISABLE acts as PERMISSIVE")
                }
                return mode
            } ?? [:]
        for (key, mode) in portLevel { self.portLevelMtls[Int(key)!] = mode }
        if spec.has("portLevelMtls"), self.selector?.matchLabels.isEmpty ?? true {
            spec.error("portLevelMtls", "requires a non-empty selector (Istio applies port-level mTLS per workload)")
        }
    }
}

/// Reads the selector shapes of Istio resources.
enum SelectorDecoding {
    /// `selector: {matchLabels: {...}}` of the security resources.
    static func workloadSelector(_ reader: FieldReader) -> LabelSelector {
        LabelSelector(LabelsDecoding.labels(reader, "matchLabels") ?? [:])
    }

    /// `workloadSelector: {labels: {...}}` of ServiceEntry and DestinationRule.
    static func labelsSelector(_ reader: FieldReader) -> LabelSelector {
        LabelSelector(LabelsDecoding.labels(reader, "labels") ?? [:])
    }
}
