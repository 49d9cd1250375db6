import Foundation
import WeftCore
import Yams

/// Turns YAML text into validated resources: splits multi-document files, checks `apiVersion` / `kind` /
/// `metadata`, and hands each `spec` to the decoder of its kind.
package enum DocumentDecoder {
    /// Decodes every document of every source, then runs the checks that span resources (duplicates, references).
    package static func decode(_ sources: [ConfigSource]) -> ValidationResult {
        var config = MeshConfig()
        var diagnostics = ConfigDiagnostics()
        var origins: [ResourceID: (file: String, document: Int)] = [:]
        var subsetReferences: [ResourceID: [SubsetReference]] = [:]
        for source in sources {
            Self.decode(
                source,
                into: &config,
                diagnostics: &diagnostics,
                origins: &origins,
                subsetReferences: &subsetReferences
            )
        }
        diagnostics.append(
            contentsOf: CrossResourceChecks.run(config, origins: origins, subsetReferences: subsetReferences)
        )
        return ValidationResult(config: config, diagnostics: diagnostics)
    }

    private static func decode(
        _ source: ConfigSource,
        into config: inout MeshConfig,
        diagnostics: inout ConfigDiagnostics,
        origins: inout [ResourceID: (file: String, document: Int)],
        subsetReferences: inout [ResourceID: [SubsetReference]]
    ) {
        var documents: [Node] = []
        do {
            // One pass: the sequence stops at the first parse error and keeps it in `error`.
            var parsed = try Yams.compose_all(yaml: source.text)
            while let node = parsed.next() { documents.append(node) }
            if let error = parsed.error { throw error }
        } catch {
            diagnostics.append(
                ConfigDiagnostic(
                    code: .unreadable,
                    file: source.name,
                    message: "not valid YAML: \(Self.describe(error))"
                )
            )
            return
        }
        for (offset, node) in documents.enumerated() {
            let context = DecodingContext(file: source.name, document: offset + 1)
            let value: YAMLValue
            do {
                value = try YAMLValue(node)
            } catch {
                context.error(.unreadable, at: .root, "line \(error.line): \(error.message)")
                diagnostics.append(contentsOf: context.diagnostics)
                continue
            }
            if value.isNull { continue }  // an empty document between `---` separators
            if let id = Self.decodeResource(value, context: context, into: &config) {
                if let first = origins[id] {
                    context.error(
                        .duplicate,
                        at: .root,
                        "defined more than once (first in \(first.file), document \(first.document))"
                    )
                } else {
                    origins[id] = (source.name, offset + 1)
                    subsetReferences[id] = context.subsetReferences
                }
            }
            diagnostics.append(contentsOf: context.diagnostics)
        }
    }

    /// Decodes one document. Returns its id when the header was readable (even if the spec had errors).
    private static func decodeResource(
        _ value: YAMLValue,
        context: DecodingContext,
        into config: inout MeshConfig
    ) -> ResourceID? {
        guard let top = FieldReader(value, at: .root, context: context) else { return nil }
        let apiVersion = top.string("apiVersion")
        let kindText = top.string("kind")
        guard let apiVersion, let kindText else {
            context.error(.notAResource, at: .root, "not a resource: apiVersion and kind are required")
            return nil
        }
        guard let kind = ResourceKind(rawValue: kindText) else {
            let known = ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")
            context.error(.unknownKind, at: "kind", "unsupported kind \"\(kindText)\" (Weft reads \(known))")
            return nil
        }
        guard kind.acceptedAPIVersions.contains(apiVersion) else {
            context.error(
                .unknownKind,
                at: "apiVersion",
                "\(kind) is not served as \"\(apiVersion)\" (use \(kind.acceptedAPIVersions.joined(separator: " or ")))"
            )
            return nil
        }
        guard let metadata = top.object("metadata", required: true, { MetadataDecoding.decode($0, kind: kind) }) ?? nil
        else {
            return nil
        }
        let id = ResourceID(kind: kind, namespace: metadata.namespace, name: metadata.name)
        context.resource = id
        top.ignore("status")  // written by controllers; `kubectl get -o yaml` output carries it
        let errorsBefore = context.errorCount
        guard let specValue = top.raw("spec") else {
            top.finish()
            if kind == .authorizationPolicy {
                // Istio accepts an AuthorizationPolicy without a spec: an ALLOW policy that allows nothing.
                var policy = AuthorizationPolicy()
                policy.metadata = metadata
                if context.errorCount == errorsBefore { config.authorizationPolicies.append(policy) }
            } else {
                context.error(.missingField, at: "spec", "is required")
            }
            return id
        }
        guard let spec = FieldReader(specValue, at: "spec", context: context) else {
            top.finish()
            return id
        }
        // Decode, then report unknown fields, and only then decide whether the resource is valid.
        var add: (inout MeshConfig) -> Void
        switch kind {
        case .virtualService:
            let resource = VirtualService(decoding: spec, metadata: metadata)
            add = { $0.virtualServices.append(resource) }
        case .destinationRule:
            let resource = DestinationRule(decoding: spec, metadata: metadata)
            add = { $0.destinationRules.append(resource) }
        case .serviceEntry:
            let resource = ServiceEntry(decoding: spec, metadata: metadata)
            add = { $0.serviceEntries.append(resource) }
        case .workloadEntry:
            let resource = WorkloadEntry(decoding: spec, metadata: metadata)
            add = { $0.workloadEntries.append(resource) }
        case .peerAuthentication:
            let resource = PeerAuthentication(decoding: spec, metadata: metadata)
            add = { $0.peerAuthentications.append(resource) }
        case .authorizationPolicy:
            let resource = AuthorizationPolicy(decoding: spec, metadata: metadata)
            add = { $0.authorizationPolicies.append(resource) }
        case .service:
            let resource = KubernetesService(decoding: spec, metadata: metadata)
            add = { $0.services.append(resource) }
        }
        spec.finish()
        top.finish()
        if context.errorCount == errorsBefore { add(&config) }
        return id
    }

    private static func describe(_ error: any Error) -> String {
        if let yamlError = error as? YamlError {
            return yamlError.description.replacingOccurrences(of: "\n", with: " ")
        }
        return String(describing: error)
    }
}
