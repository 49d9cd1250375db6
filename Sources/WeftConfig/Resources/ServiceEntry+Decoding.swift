import WeftCore

extension ServiceEntry {
    /// Decodes and validates a ServiceEntry spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "ServiceEntry is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
