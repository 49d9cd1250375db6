#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time this thread has run, in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`). On a machine shared with other
/// builds the wall clock also counts the time the thread waited for a core; CPU time does not (cache and
/// frequency effects of the neighbours remain).
enum ThreadCPUTime {
    static func nanoseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
