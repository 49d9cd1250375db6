#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress and setup facts go to stderr, so stdout carries only the table (or the checksum under valgrind).
func printError(_ message: String) {
    var line = message + "\n"
    // `write` on descriptor 2: Glibc's `stderr` global is shared mutable state to strict concurrency.
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
