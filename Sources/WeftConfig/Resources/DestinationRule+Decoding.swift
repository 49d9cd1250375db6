import WeftCore

extension DestinationRule {
    /// Decodes and validates a DestinationRule spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "DestinationRule is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
