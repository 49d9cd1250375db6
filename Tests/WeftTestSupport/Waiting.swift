import Glibc

/// Bounded polling for asynchronous effects (a connection arriving, a datagram landing).
package enum Waiting {
    /// Checks `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
    package static func until(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    /// The blocking form for synchronous fixture code: checks every 10 ms, at most `timeout`.
    package static func poll(timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }
}
