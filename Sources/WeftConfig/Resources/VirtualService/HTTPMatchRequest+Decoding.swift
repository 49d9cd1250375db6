import WeftCore

extension HTTPMatchRequest {
    /// Decodes one `http[].match[]` entry; its conditions are AND'ed.
    init(decoding reader: FieldReader, scope: VirtualServiceScope) {
        self.init()
        self.name = reader.string("name")
        self.uri = reader.object("uri") { StringMatchDecoding.decode($0, in: .uri) } ?? nil
        self.scheme = reader.object("scheme") { StringMatchDecoding.decode($0, in: .scheme) } ?? nil
        self.method = reader.object("method") { StringMatchDecoding.decode($0, in: .method) } ?? nil
        self.authority = reader.object("authority") { StringMatchDecoding.decode($0, in: .authority) } ?? nil
        self.headers =
            StringMatchDecoding.headerMap(reader, "headers", place: .header, appliesToMesh: scope.appliesToMesh)
            ?? [:]
        self.withoutHeaders =
            StringMatchDecoding.headerMap(
                reader,
                "withoutHeaders",
                place: .withoutHeader,
                appliesToMesh: scope.appliesToMesh
            ) ?? [:]
        self.queryParams = StringMatchDecoding.queryParamMap(reader) ?? [:]
        self.ignoreUriCase = reader.bool("ignoreUriCase") ?? false
        self.port = reader.int("port", in: 1...65535)
        self.sourceLabels = LabelsDecoding.labels(reader, "sourceLabels") ?? [:]
        self.sourceNamespace = SourceDecoding.namespace(reader)
        self.gateways = IstioHostNames.gateways(reader, "gateways") ?? []
        self.statPrefix = reader.string("statPrefix")
    }
}

/// Reads the source conditions shared by HTTP and TCP matches.
enum SourceDecoding {
    /// `sourceNamespace`: a DNS label.
    static func namespace(_ reader: FieldReader) -> String? {
        guard let namespace = reader.string("sourceNamespace") else { return nil }
        if !IstioHostNames.isLabel(Substring(namespace)) {
            reader.error("sourceNamespace", "\"\(namespace)\" is not a valid namespace (a DNS label)")
            return nil
        }
        return namespace
    }
}
