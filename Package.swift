// swift-tools-version: 6.1
import PackageDescription

// Module layout and import rules: ../shared/design/style.md §4.
// WeftCore has no package dependencies on purpose (style G1): an `import NIOCore` there must fail the build.
let package = Package(
    name: "Weft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .executable(name: "weft-bench-core", targets: ["weft-bench-core"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "WeftCore"),
        .target(
            name: "WeftConfig",
            dependencies: ["WeftCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "WeftIdentity",
            dependencies: [
                "WeftCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Interception (swift-notes §1–3): libnftnl/libmnl shims, a C target for what Glibc hides, sockets in
        // other network namespaces, and the nftables plan + atomic netlink batch.
        .systemLibrary(name: "CNftnl", pkgConfig: "libnftnl", providers: [.apt(["libnftnl-dev"])]),
        .systemLibrary(name: "CMnl", pkgConfig: "libmnl", providers: [.apt(["libmnl-dev"])]),
        .target(name: "CWeftSys"),
        .target(
            name: "WeftSystem",
            dependencies: [
                "CWeftSys", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "WeftNetfilter", dependencies: ["WeftCore", "WeftSystem", "CNftnl", "CMnl"]),
        .target(
            name: "WeftHBONE",
            dependencies: [
                "WeftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ]
        ),
        // Observability surface (style G18): Istio metric families on an explicit Prometheus registry, access-log
        // lines, W3C trace context.
        .target(
            name: "WeftTelemetry",
            dependencies: [
                "WeftCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Desired config and the workload registry (architecture §8): the `ClusterStore` abstraction, the embedded
        // crash-safe `LocalStore`, the watched config directory and the state-directory lock. Foundation only.
        .target(name: "WeftStore", dependencies: ["WeftCore", "WeftConfig"]),
        // The DNS proxy's logic (codec, mesh-name resolution, upstream matching): pure, so sockets live in WeftProxy.
        .target(name: "WeftDNS", dependencies: ["WeftCore"]),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftCore", "WeftConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Decision speed of the shared core (issue 3 item 11); Scripts/bench/core-decisions.sh builds and runs it.
        .executableTarget(name: "weft-bench-core", dependencies: ["WeftCore"], path: "Scripts/bench/CoreDecisions"),
        .testTarget(
            name: "WeftCoreTests",
            dependencies: ["WeftCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "WeftDNSTests",
            dependencies: ["WeftDNS", "WeftCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "WeftCLITests",
            dependencies: ["weft"]
        ),
        .testTarget(
            name: "WeftConfigTests",
            dependencies: ["WeftConfig", "WeftCore"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(
            name: "WeftStoreTests",
            dependencies: ["WeftStore", "WeftConfig", "WeftCore"]
        ),
        .testTarget(
            name: "WeftIdentityTests",
            dependencies: [
                "WeftIdentity", "WeftCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Shared test fixtures: network namespaces, veth pairs and the host guard (Tests/WeftTestSupport).
        .target(
            name: "WeftTestSupport",
            dependencies: [
                "WeftSystem", "WeftNetfilter", .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/WeftTestSupport"
        ),
        .testTarget(
            name: "WeftSystemTests",
            dependencies: [
                "WeftSystem", "WeftTestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "WeftNetfilterTests",
            dependencies: [
                "WeftNetfilter", "WeftSystem", "WeftTestSupport", "WeftCore",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "WeftHBONETests",
            dependencies: [
                "WeftHBONE", "WeftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WeftTelemetryTests",
            dependencies: [
                "WeftTelemetry", "WeftCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
