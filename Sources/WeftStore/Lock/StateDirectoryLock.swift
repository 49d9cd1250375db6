#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a second agent off a state directory (architecture §13): an exclusive `flock` on `STATE_DIR/agent.lock`,
/// held for as long as the value lives.
///
/// `flock` rather than a pid file: the kernel drops the lock when the holder's last descriptor closes, which
/// includes the process dying by `kill -9`, so a crash never leaves the directory stuck; and the lock belongs to
/// the open file, so a second attempt in the *same* process fails too. The holder's pid is written into the file
/// only to name it in the error.
package struct StateDirectoryLock: ~Copyable, Sendable {
    /// Why the lock could not be taken.
    package struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        package enum Code: String, Hashable, Sendable {
            /// Another process (or another lock in this one) holds it.
            case held
            /// The lock file could not be created or locked.
            case io
        }

        package var code: Code
        package var message: String

        package var description: String { self.message }
    }

    /// `STATE_DIR/agent.lock`.
    package let path: String
    private let descriptor: Int32

    /// The lock file of `stateDirectory`.
    package static func path(stateDirectory: String) -> String { stateDirectory + "/agent.lock" }

    /// Takes the lock, creating the state directory (mode 0700) and the lock file if needed. Never waits: if another
    /// agent holds it, fails at once with `another weft agent (pid N) is using STATE_DIR`.
    package init(stateDirectory: String, processID: Int32 = getpid()) throws(Failure) {
        do {
            try DurableFile.makeDirectories(stateDirectory)
        } catch {
            throw Failure(code: .io, message: "cannot create the state directory: \(error)")
        }
        let path = Self.path(stateDirectory: stateDirectory)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(code: .io, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let reason = errno
            let holder = Self.recordedProcessID(descriptor)
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw Failure(code: .io, message: "cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            let who = holder.map { "another weft agent (pid \($0))" } ?? "another weft agent"
            throw Failure(code: .held, message: "\(who) is using \(stateDirectory)")
        }
        // Record the holder for the message above; a failure here does not weaken the lock.
        let text = Array("\(processID)\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, $0.count, 0) }
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Releases the lock (closing the file is what releases a `flock`).
    deinit {
        close(self.descriptor)
    }

    /// Releases the lock now rather than at the end of the value's scope.
    package consuming func release() {}

    /// The pid the holder wrote into the lock file, if it wrote one.
    private static func recordedProcessID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int32($0) }
    }
}
