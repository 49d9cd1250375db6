import Foundation
import WeftNetfilter

/// A cgroup v2 the test creates below the real cgroup2 mount (`/sys/fs/cgroup/unified` on these machines,
/// swift-notes §9), removed on cleanup.
package struct TestCgroup: Sendable {
    /// Path relative to the cgroup2 root, e.g. `weft-test-123-4/captured`.
    package let relativePath: String
    /// Absolute path of the directory.
    package let path: String
    /// Absolute path of the test's parent cgroup (`…/weft-test-PID-N`), which ``remove()`` deletes with the leaf.
    package let groupPath: String
    package let identity: CgroupIdentity

    /// Creates `weft-test-PID-N/leaf` (and its parent).
    package static func make(_ group: String, leaf: String) throws -> TestCgroup {
        let mount = try CgroupV2.mountPoint()
        let relative = "\(group)/\(leaf)"
        try FileManager.default.createDirectory(atPath: "\(mount)/\(relative)", withIntermediateDirectories: true)
        return TestCgroup(
            relativePath: relative,
            path: "\(mount)/\(relative)",
            groupPath: "\(mount)/\(group)",
            identity: try CgroupV2.identity(of: relative, mountPoint: mount)
        )
    }

    /// Deletes the leaf and its parent (only possible once no process is left in them).
    package func remove() {
        Self.removeTree(self.groupPath)
    }

    /// Shell words that move the shell into this cgroup (its children inherit it).
    package var enterCommand: String { "echo $$ > \(self.path)/cgroup.procs" }

    /// Removes a cgroup directory tree, deepest first; cgroups with live processes stay (rmdir says EBUSY).
    package static func removeTree(_ path: String) {
        if let children = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for child in children {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: "\(path)/\(child)", isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    Self.removeTree("\(path)/\(child)")
                }
            }
        }
        rmdir(path)
    }
}
