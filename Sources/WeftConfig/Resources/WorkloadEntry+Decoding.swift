import WeftCore

extension WorkloadEntry {
    /// Decodes and validates a `networking.istio.io` WorkloadEntry spec: a workload on another machine.
    ///
    /// A WorkloadEntry is in the mesh (reached over HBONE) only with `istio.io/dataplane-mode: ambient` in
    /// `spec.labels` or `metadata.labels` (architecture §13); without it Weft reaches it in plaintext, and says so.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        self.spec = WorkloadEntrySpecDecoding.spec(spec, addresses: .ipOrHostName, servicePortNames: nil)
        if !self.isAmbient {
            spec.context.warning(
                .deprecated,
                at: spec.field("labels"),
                "no \(Self.dataplaneModeLabel): ambient label (here or in metadata.labels): Weft reaches this workload in plaintext, not over HBONE"
            )
        }
    }
}

/// Reads the WorkloadEntry spec shape, shared by WorkloadEntry resources and ServiceEntry `endpoints[]`
/// (Istio `validateWorkloadEntry`).
enum WorkloadEntrySpecDecoding {
    /// What `address` may be: ServiceEntry STATIC endpoints need IP addresses; elsewhere a host name also works.
    enum AddressRule {
        case ipOnly(because: String)
        case ipOrHostName
    }

    /// `servicePortNames`: for ServiceEntry endpoints, the declared port names that `ports` keys must refer to.
    static func spec(
        _ reader: FieldReader,
        addresses rule: AddressRule,
        servicePortNames: Set<String>?
    )
        -> WorkloadEntrySpec
    {
        var spec = WorkloadEntrySpec()
        if let address = reader.string("address") {
            spec.address = address
            Self.check(address, rule: rule, reader: reader)
        } else if !reader.has("address") {
            reader.missing("address", "Weft reaches workloads by address; it has no network gateways")
        }
        spec.ports =
            reader.map("ports") { value, path -> Int? in
                guard case .key(let name) = path.components.last else { return nil }
                if !IstioHostSyntax.isLabel(Substring(name)) {
                    reader.context.error(.invalidValue, at: path, "\"\(name)\" is not a valid port name (a DNS label)")
                } else if let names = servicePortNames, !names.contains(name) {
                    reader.context.error(
                        .danglingReference,
                        at: path,
                        "the ServiceEntry declares no port named \"\(name)\" in spec.ports"
                    )
                }
                return ScalarReading.int(value, in: 1...65535, at: path, context: reader.context)
            } ?? [:]
        spec.labels = LabelsDecoding.labels(reader, "labels") ?? [:]
        spec.network = reader.string("network")
        spec.locality = reader.string("locality")
        spec.weight = reader.int("weight", in: 0...Int(UInt32.max))
        spec.serviceAccount = reader.string("serviceAccount")
        return spec
    }

    private static func check(_ address: String, rule: AddressRule, reader: FieldReader) {
        if address.isEmpty {
            reader.error("address", "must not be empty", code: .missingField)
        } else if address.hasPrefix("unix://") {
            reader.error("address", "unix domain socket addresses are not supported", code: .unsupported)
        } else if IPAddress(address) == nil {
            switch rule {
            case .ipOnly(let reason):
                reader.error("address", "\"\(address)\" is not an IP address (\(reason))")
            case .ipOrHostName:
                if IstioHostSyntax.fqdnProblem(address) != nil {
                    reader.error("address", "\"\(address)\" is not an IP address or a host name")
                }
            }
        }
    }
}
