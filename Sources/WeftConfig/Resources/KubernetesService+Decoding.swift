import WeftCore

extension KubernetesService {
    /// Decodes and validates a KubernetesService spec.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        spec.context.error(.unsupported, at: "spec", "KubernetesService is not implemented yet")
        for key in spec.keys { spec.ignore(key) }
    }
}
