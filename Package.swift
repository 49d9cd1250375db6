// swift-tools-version: 6.1
import PackageDescription

// Module layout and import rules: ../shared/design/style.md §4.
// WeftCore has no package dependencies on purpose (style G1): an `import NIOCore` there must fail the build.
let package = Package(
    name: "Weft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"])
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
        // The DNS proxy's logic (codec, mesh-name resolution, upstream matching): pure, so sockets live in WeftProxy.
        .target(name: "WeftDNS", dependencies: ["WeftCore"]),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftCore", "WeftConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
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
    ],
    swiftLanguageModes: [.v6]
)
