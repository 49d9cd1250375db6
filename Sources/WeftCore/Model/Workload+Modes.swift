/// Whether a workload is ready to receive traffic. Balancers skip unhealthy endpoints unless they panic.
package enum WorkloadHealth: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case healthy
    case unhealthy

    package var description: String { self.rawValue }
}

/// Where a workload's traffic is captured (architecture §2).
package enum CaptureMode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Inside the workload's own network namespace (containers, pods): istio-cni's in-pod model.
    case netns
    /// On the host network, matched by the service's cgroup (plain systemd services).
    case host
    /// Not captured by this mesh's agents: a `WorkloadEntry` for a machine Weft does not run on.
    case external

    package var description: String { self.rawValue }
}

/// Whether a workload speaks HBONE (is in the ambient mesh) or only plaintext TCP.
package enum DataplaneMode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// In the mesh: reached over HBONE (mTLS + HTTP/2 CONNECT to port 15008).
    case ambient
    /// Outside the mesh: reached with plain TCP to its address.
    case plaintext

    package var description: String { self.rawValue }
}

/// Where a workload in the registry came from.
package enum WorkloadOrigin: Hashable, Sendable, CustomStringConvertible {
    /// Enrolled with a Weft agent (`weft enroll`).
    case enrolled
    /// Declared by a `WorkloadEntry` resource.
    case workloadEntry(ResourceID)

    package var description: String {
        switch self {
        case .enrolled: return "enrolled"
        case .workloadEntry(let id): return id.description
        }
    }
}
