import Testing
import WeftNetfilter

@Suite("cgroup v2 lookup")
struct CgroupV2Tests {
    @Test("a hybrid host's cgroup2 mount is found in mountinfo (these machines: /sys/fs/cgroup/unified)")
    func hybrid() {
        let mountinfo = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """
        #expect(CgroupV2.mountPoint(inMountInfo: mountinfo) == "/sys/fs/cgroup/unified")
    }

    @Test("a systemd host's cgroup2 mount, with optional fields, and octal escapes in the path")
    func unifiedAndEscapes() {
        let systemd = "29 23 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate\n"
        #expect(CgroupV2.mountPoint(inMountInfo: systemd) == "/sys/fs/cgroup")
        let escaped = "50 23 0:40 / /mnt/my\\040cgroups rw - cgroup2 none rw\n"
        #expect(CgroupV2.mountPoint(inMountInfo: escaped) == "/mnt/my cgroups")
        #expect(CgroupV2.mountPoint(inMountInfo: "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n") == nil)
    }

    @Test("paths that leave the cgroup2 root are refused")
    func badPaths() {
        for path in ["", "/", "../etc", "a/./b"] {
            #expect(throws: CgroupV2.Failure.badPath(path)) {
                try CgroupV2.identity(of: path, mountPoint: "/sys/fs/cgroup")
            }
        }
    }
}
