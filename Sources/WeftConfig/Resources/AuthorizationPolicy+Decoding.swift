import WeftCore

extension AuthorizationPolicy {
    /// Decodes and validates a AuthorizationPolicy spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "AuthorizationPolicy is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
