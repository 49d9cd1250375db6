import Synchronization

/// The current trust bundle, shared by every TLS verification callback and replaced on reload.
///
/// Verification reads the bundle when a handshake verifies its peer, not when the TLS context was built, so a
/// reload (a new root set, e.g. during root rotation: old and new roots first, then only the new one) applies to
/// every new handshake at once without rebuilding contexts. Established connections are unaffected.
package final class TrustBundleStore: Sendable {
    private let bundle: Mutex<TrustBundle>

    package init(_ bundle: TrustBundle) {
        self.bundle = Mutex(bundle)
    }

    /// The bundle new handshakes verify against.
    package var current: TrustBundle {
        self.bundle.withLock { $0 }
    }

    /// Replaces the bundle for new handshakes. Returns whether it changed (callers log only real changes).
    @discardableResult
    package func replace(with newBundle: TrustBundle) -> Bool {
        self.bundle.withLock { bundle in
            guard bundle != newBundle else { return false }
            bundle = newBundle
            return true
        }
    }

    /// Reloads the bundle from a PEM file; on error the previous bundle stays in use.
    @discardableResult
    package func reload(from path: String) throws(CAMaterialError) -> Bool {
        self.replace(with: try TrustBundle.load(from: path))
    }
}
