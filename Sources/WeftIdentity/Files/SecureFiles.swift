#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe, permission-exact file I/O for CA material (architecture §4 and §8: write temp, fsync, rename).
///
/// Every write goes to a temporary file created with `O_EXCL` and its final mode set by `fchmod` (so the umask
/// cannot widen it), is fsynced, renamed over the target and followed by an fsync of the directory; a reader
/// sees either the old file or the new one, never a torn one, even across a power cut.
package enum SecureFiles {
    /// Mode for private keys: owner read/write only.
    package static let keyMode: mode_t = 0o600
    /// Mode for certificates: public material, world-readable (the directory still guards it).
    package static let certificateMode: mode_t = 0o644
    /// Mode for CA directories: owner only.
    package static let directoryMode: mode_t = 0o700

    /// Creates `path` (and missing parents) with mode 0700, or tightens an existing directory to 0700.
    package static func ensurePrivateDirectory(_ path: String) throws(CAMaterialError) {
        var isDirectory = false
        if Self.exists(path, isDirectory: &isDirectory) {
            guard isDirectory else { throw CAMaterialError(.notADirectory, path: path) }
        } else {
            let parent = Self.parent(of: path)
            if parent != path, !Self.exists(parent, isDirectory: &isDirectory) {
                try Self.ensureDirectory(parent, mode: 0o755)
            }
            guard mkdir(path, Self.directoryMode) == 0 || errno == EEXIST else {
                throw CAMaterialError(.cannotWrite, path: path, detail: Self.lastError())
            }
        }
        guard chmod(path, Self.directoryMode) == 0 else {
            throw CAMaterialError(.cannotWrite, path: path, detail: Self.lastError())
        }
    }

    /// Atomically replaces `path` with `contents`, leaving it with exactly `mode`.
    package static func writeAtomically(_ contents: String, to path: String, mode: mode_t) throws(CAMaterialError) {
        let temporary = "\(path).tmp-\(getpid())"
        // A leftover from a crashed earlier writer with the same pid would make O_EXCL fail forever.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw CAMaterialError(.cannotWrite, path: temporary, detail: Self.lastError()) }
        var failure: CAMaterialError?
        if fchmod(fd, mode) != 0 {
            failure = CAMaterialError(.cannotWrite, path: temporary, detail: Self.lastError())
        } else if !Self.writeAll(Array(contents.utf8), to: fd) {
            failure = CAMaterialError(.cannotWrite, path: temporary, detail: Self.lastError())
        } else if fsync(fd) != 0 {
            failure = CAMaterialError(.cannotWrite, path: temporary, detail: Self.lastError())
        }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 {
            failure = CAMaterialError(.cannotWrite, path: path, detail: Self.lastError())
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // The rename is only durable once the directory entry is on disk.
        let directory = open(Self.parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Reads a whole file as UTF-8 text; a missing file is `.missingFile`.
    package static func readText(_ path: String) throws(CAMaterialError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code: CAMaterialError.Code = errno == ENOENT ? .missingFile : .unreadable
            throw CAMaterialError(code, path: path, detail: Self.lastError())
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw CAMaterialError(.unreadable, path: path, detail: Self.lastError()) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The permission bits of `path` (`st_mode & 0o7777`), or nil when it does not exist.
    package static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Whether `path` exists.
    package static func exists(_ path: String) -> Bool {
        var isDirectory = false
        return Self.exists(path, isDirectory: &isDirectory)
    }

    /// Joins a directory and a file name.
    package static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func exists(_ path: String, isDirectory: inout Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        return true
    }

    private static func ensureDirectory(_ path: String, mode: mode_t) throws(CAMaterialError) {
        var isDirectory = false
        if Self.exists(path, isDirectory: &isDirectory) {
            guard isDirectory else { throw CAMaterialError(.notADirectory, path: path) }
            return
        }
        let parent = Self.parent(of: path)
        if parent != path { try Self.ensureDirectory(parent, mode: mode) }
        guard mkdir(path, mode) == 0 || errno == EEXIST else {
            throw CAMaterialError(.cannotWrite, path: path, detail: Self.lastError())
        }
    }

    private static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
