import WeftSystem

#if canImport(Glibc)
import Glibc
#endif

/// Finds a service's cgroup v2 and its id, for host-mode capture (`socket cgroupv2 level N ID`).
///
/// The cgroup2 hierarchy is not always at `/sys/fs/cgroup`: hybrid hosts (and these build machines) mount it at
/// `/sys/fs/cgroup/unified` (swift-notes §9), so the mount point is read from `/proc/self/mountinfo`.
package enum CgroupV2 {
    /// Why a cgroup could not be resolved.
    package enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case noCgroup2Mount
        case badPath(String)
        case system(SystemError)

        package var description: String {
            switch self {
            case .noCgroup2Mount: return "no cgroup2 file system is mounted (see /proc/self/mountinfo)"
            case .badPath(let path): return "\"\(path)\" is not a cgroup path relative to the cgroup2 root"
            case .system(let error): return error.description
            }
        }
    }

    /// The mount point of the first cgroup2 file system in `mountinfo` text (proc(5) format), if any.
    package static func mountPoint(inMountInfo text: String) -> String? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let separator = fields.firstIndex(of: "-"), separator + 1 < fields.count, fields.count > 4,
                fields[separator + 1] == "cgroup2"
            else { continue }
            return Self.unescape(fields[4])
        }
        return nil
    }

    /// The cgroup2 mount point of this machine.
    package static func mountPoint() throws(Failure) -> String {
        let text: String
        do {
            text = try TextFile.read("/proc/self/mountinfo")
        } catch {
            throw .system(error)
        }
        guard let mount = Self.mountPoint(inMountInfo: text) else { throw .noCgroup2Mount }
        return mount
    }

    /// The identity of `relativePath` (e.g. `system.slice/foo.service`) below the cgroup2 root `mountPoint`:
    /// its depth and the inode number of its directory, which is the kernel's cgroup id.
    package static func identity(of relativePath: String, mountPoint: String) throws(Failure) -> CgroupIdentity {
        let components = relativePath.split(separator: "/")
        guard !components.isEmpty, !components.contains(".."), !components.contains(".") else {
            throw .badPath(relativePath)
        }
        let path = mountPoint + "/" + components.joined(separator: "/")
        var info = stat()
        guard stat(path, &info) == 0 else { throw .system(.last("stat \(path)")) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .badPath(relativePath) }
        return CgroupIdentity(level: UInt32(components.count), id: UInt64(info.st_ino))
    }

    /// Undoes mountinfo's octal escapes (`\040` for a space).
    private static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
                let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
