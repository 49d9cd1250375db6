import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where finished log lines go. `write(line:)` gets one line without its newline and must never interleave it
/// with another line.
package protocol LineSink: Sendable {
    func write(line: String)
}

/// Writes lines to a file descriptor (standard output, standard error, a pipe or a log file).
///
/// Each line, newline included, is handed to the kernel under one lock by `write(2)` calls from a single buffer,
/// so lines from concurrent tasks never interleave inside this process; a line of at most `PIPE_BUF` (4096) bytes
/// also stays whole against other processes writing to the same pipe. Everything in the process that writes to
/// one descriptor must share one sink: use ``standardOutput`` and ``standardError``.
///
/// Writing is synchronous. A reader that stops reading (a full pipe) blocks the writer, as it would block Envoy's
/// `/dev/stdout` logger; the agent should point access logs at a journal or file, not at a reader that can stall.
/// A write error other than `EINTR` drops the rest of the line: logging never traps.
package final class FileDescriptorLineSink: LineSink {
    private let fileDescriptor: Int32
    private let lock = Mutex<Void>(())

    package init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The process's standard output (file descriptor 1).
    package static let standardOutput = FileDescriptorLineSink(fileDescriptor: 1)
    /// The process's standard error (file descriptor 2).
    package static let standardError = FileDescriptorLineSink(fileDescriptor: 2)

    package func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        self.lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = Self.systemWrite(self.fileDescriptor, base + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }
}
