import Foundation
import WeftCore

/// The embedded store's one file, `STATE_DIR/store/store.json`: the revision, every resource and every workload.
///
/// One file rather than one per resource: a batch and the store revision then commit with a single atomic rename,
/// and no crash can leave half a batch on disk. The content is small (configuration text and a registry of local
/// workloads, kilobytes to a few megabytes) and written only on control-plane changes, so rewriting it whole is
/// cheap. JSON, sorted and indented, so an operator can read it with `jq`.
struct StoreFile: Codable {
    /// Bumped when the layout changes incompatibly; a newer file is refused rather than misread.
    static let currentFormat = 1

    var format: Int
    var revision: UInt64
    var resources: [StoredResource]
    var workloads: [StoredWorkload]

    init(_ snapshot: StoreSnapshot) {
        self.format = Self.currentFormat
        self.revision = snapshot.revision
        self.resources = snapshot.sortedResources
        self.workloads = snapshot.sortedWorkloads
    }

    var snapshot: StoreSnapshot {
        StoreSnapshot(
            revision: self.revision,
            resources: Dictionary(self.resources.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }),
            workloads: Dictionary(self.workloads.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        )
    }

    /// The file's bytes.
    static func encode(_ snapshot: StoreSnapshot) throws(StoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(StoreFile(snapshot))) + [UInt8(ascii: "\n")]
        } catch {
            throw StoreError(.io, "cannot encode the store: \(error)")
        }
    }

    /// Reads the file's bytes back, or says precisely why they are not a store (naming `path`, never emptying it).
    static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreSnapshot {
        let file: StoreFile
        do {
            file = try JSONDecoder().decode(StoreFile.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Self.corrupt(path, Self.describe(error, size: bytes.count))
        } catch {
            throw Self.corrupt(path, "unreadable (\(bytes.count) bytes)")
        }
        guard file.format == Self.currentFormat else {
            throw Self.corrupt(
                path,
                "written in format \(file.format), this Weft reads format \(Self.currentFormat) (a newer Weft wrote it?)"
            )
        }
        let snapshot = file.snapshot
        if let newest = (file.resources.map(\.revision) + file.workloads.map(\.revision)).max(), newest > file.revision
        {
            throw Self.corrupt(path, "an entry has revision \(newest), after the store's revision \(file.revision)")
        }
        return snapshot
    }

    private static func corrupt(_ path: String, _ reason: String) -> StoreError {
        StoreError(
            .corrupt,
            subject: path,
            "cannot be read: \(reason). The store refuses to start rather than lose its state: restore the file "
                + "from a backup, or move it away to start with an empty store"
        )
    }

    /// A short, stable reason: where in the document and what was expected. Foundation's own texts vary by version.
    private static func describe(_ error: DecodingError, size: Int) -> String {
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON (\(size) bytes)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return parent == "the top level"
                ? "\(key.stringValue) is missing" : "\(parent).\(key.stringValue) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context)): expected \(Self.typeName(type))"
        @unknown default:
            return "unreadable (\(size) bytes)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is UInt64.Type, is Int32.Type, is UInt16.Type: return "a number"
        default: return "\(type)"
        }
    }
}
