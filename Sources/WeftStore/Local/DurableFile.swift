#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe whole-file replacement with POSIX calls (Foundation's `.atomic` write renames but never fsyncs, so
/// after a power cut the new name can point at an empty file).
///
/// A replace writes `PATH.tmp`, fsyncs it, renames it over `PATH` and fsyncs the directory, so at every instant the
/// main file is either the complete old or the complete new content: a crash leaves at worst a torn temporary file,
/// which ``removeLeftovers(of:)`` deletes on the next start.
package enum DurableFile {
    /// The temporary file a replace of `path` writes first.
    package static func temporaryPath(for path: String) -> String { path + ".tmp" }

    /// Replaces `path` with `bytes`, durably. On any failure the temporary file is removed and `path` is untouched.
    package static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o600) throws(StoreError) {
        let temporary = Self.temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Self.failure("cannot create", temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = Self.failure("cannot write", temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = Self.failure("cannot flush", temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = Self.failure("cannot rename into place", temporary)
            unlink(temporary)
            throw error
        }
        try Self.syncDirectory(of: path)
    }

    /// The file's bytes, or nil when it does not exist.
    package static func contents(of path: String) throws(StoreError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw Self.failure("cannot open", path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.failure("cannot read", path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Deletes a torn temporary file left by a crash during ``replace(_:with:mode:)``. Returns whether one existed.
    @discardableResult
    package static func removeLeftovers(of path: String) throws(StoreError) -> Bool {
        let temporary = Self.temporaryPath(for: path)
        if unlink(temporary) == 0 { return true }
        if errno == ENOENT { return false }
        throw Self.failure("cannot remove leftover", temporary)
    }

    /// Creates `path` and missing parents (mode `mode`), syncing each new directory's parent so the entry survives
    /// a crash. Existing directories are left as they are.
    package static func makeDirectories(_ path: String, mode: mode_t = 0o700) throws(StoreError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) == 0 {
                try Self.syncDirectory(of: current)
            } else if errno != EEXIST {
                throw Self.failure("cannot create directory", current)
            }
        }
    }

    /// fsyncs the directory holding `path`, making a rename or creation in it durable.
    private static func syncDirectory(of path: String) throws(StoreError) {
        let directory = Self.parent(of: path)
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open directory", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot flush directory", directory) }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// An `io` error naming the file and the system's reason, read from `errno` at once.
    private static func failure(_ what: String, _ path: String) -> StoreError {
        let reason = String(cString: strerror(errno))
        return StoreError(.io, subject: path, "\(what): \(reason)")
    }
}
