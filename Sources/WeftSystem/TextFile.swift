#if canImport(Glibc)
import Glibc
#endif

/// Reads small files such as `/proc/self/mountinfo` without Foundation.
package enum TextFile {
    /// The whole file as UTF-8 text; proc files report size 0, so this reads until end of file.
    package static func read(_ path: String, limit: Int = 4 << 20) throws(SystemError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .last("open \(path)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .last("read \(path)")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
