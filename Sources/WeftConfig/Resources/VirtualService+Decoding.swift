import WeftCore

extension VirtualService {
    /// Decodes and validates a VirtualService spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "VirtualService is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
