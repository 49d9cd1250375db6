import Foundation

/// Runs helper programs (`ip`, `nft`, `nsenter`) for test fixtures. Tests may shell out; the product never does.
package enum Command {
    /// A program that failed or did not finish in time.
    package struct Failure: Error, CustomStringConvertible {
        package var command: [String]
        package var status: Int32
        package var output: String
        package var errorOutput: String
        package var timedOut: Bool

        package var description: String {
            let what = self.timedOut ? "timed out" : "exited with \(self.status)"
            return "\(self.command.joined(separator: " ")) \(what): \(self.errorOutput)\(self.output)"
        }
    }

    /// Runs `arguments` (the first is looked up on PATH), feeding `input` on stdin, for at most `timeout`.
    /// Returns stdout; throws unless the exit status is 0.
    @discardableResult
    package static func run(
        _ arguments: [String],
        input: String? = nil,
        timeout: Duration = .seconds(20)
    ) throws -> String {
        let result = try Self.status(arguments, input: input, timeout: timeout)
        guard result.status == 0, !result.timedOut else {
            throw Failure(
                command: arguments,
                status: result.status,
                output: result.output,
                errorOutput: result.errorOutput,
                timedOut: result.timedOut
            )
        }
        return result.output
    }

    /// Runs `arguments` and returns the exit status and output whatever the status.
    package static func status(
        _ arguments: [String],
        input: String? = nil,
        timeout: Duration = .seconds(20)
    ) throws -> (status: Int32, output: String, errorOutput: String, timedOut: Bool) {
        let directory = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outURL = directory.appendingPathComponent("weft-test-\(token).out")
        let errURL = directory.appendingPathComponent("weft-test-\(token).err")
        let inURL = directory.appendingPathComponent("weft-test-\(token).in")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            try? FileManager.default.removeItem(at: inURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        // Files rather than pipes: a chatty program can never block on a full pipe.
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now > deadline {
                timedOut = true
                process.terminate()
                process.waitUntilExit()
                break
            }
            usleep(2000)
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let errorOutput = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, errorOutput, timedOut)
    }
}
