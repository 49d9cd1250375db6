import WeftCore

extension WorkloadEntry {
    /// Decodes and validates a WorkloadEntry spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "WorkloadEntry is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
