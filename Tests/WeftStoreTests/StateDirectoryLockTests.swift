import Foundation
import Testing

@testable import WeftStore

@Suite("State directory lock")
struct StateDirectoryLockTests {
    @Test("a second lock on the same state directory fails at once, naming the holder's pid and the directory")
    func secondLockerFails() async throws {
        try await withTemporaryDirectory { directory in
            let stateDirectory = directory + "/state"
            let lock = try StateDirectoryLock(stateDirectory: stateDirectory)
            #expect(lock.path == stateDirectory + "/agent.lock")
            do {
                _ = try StateDirectoryLock(stateDirectory: stateDirectory)
                Issue.record("a second lock must fail")
            } catch let error as StateDirectoryLock.Failure {
                #expect(error.code == .held)
                #expect(error.description == "another weft agent (pid \(getpid())) is using \(stateDirectory)")
            } catch {
                Issue.record("unexpected \(error)")
            }
            lock.release()
            // Released: the next agent gets it.
            let next = try StateDirectoryLock(stateDirectory: stateDirectory)
            next.release()
        }
    }

    @Test("a lock held by a process killed with SIGKILL is released by the kernel")
    func killedHolderReleases() async throws {
        try await withTemporaryDirectory { directory in
            let lockPath = StateDirectoryLock.path(stateDirectory: directory)
            // The helper locks fd 9 like an agent would, records its pid, then becomes `sleep` (same pid, same fd).
            let helper = Process()
            helper.executableURL = URL(fileURLWithPath: "/bin/sh")
            helper.arguments = [
                "-c", "exec 9>>\"$1\"; /usr/bin/flock -n 9 || exit 3; echo $$ > \"$1\"; exec sleep 600", "sh", lockPath,
            ]
            try helper.run()
            let pid = helper.processIdentifier
            defer {
                if helper.isRunning { kill(pid, SIGKILL) }
            }
            let recorded = await eventually {
                (try? String(contentsOfFile: lockPath, encoding: .utf8)) == "\(pid)\n"
            }
            #expect(recorded, "the helper must have taken the lock")

            do {
                _ = try StateDirectoryLock(stateDirectory: directory)
                Issue.record("the helper holds the lock")
            } catch let error as StateDirectoryLock.Failure {
                #expect(error.description == "another weft agent (pid \(pid)) is using \(directory)")
            } catch {
                Issue.record("unexpected \(error)")
            }

            #expect(kill(pid, SIGKILL) == 0)
            // Polled rather than `waitUntilExit()`, which would block a thread of the shared concurrency pool.
            #expect(await eventually { !helper.isRunning }, "the helper must be gone")
            #expect(helper.terminationReason == .uncaughtSignal)
            let lock = try StateDirectoryLock(stateDirectory: directory)
            #expect(try String(contentsOfFile: lockPath, encoding: .utf8) == "\(getpid())\n")
            lock.release()
        }
    }
}
