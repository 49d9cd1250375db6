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
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
    ],
    targets: [
        .target(name: "WeftCore"),
        .target(
            name: "WeftConfig",
            dependencies: ["WeftCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "WeftHBONE",
            dependencies: [
                "WeftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ]
        ),
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
            name: "WeftConfigTests",
            dependencies: ["WeftConfig", "WeftCore"],
            resources: [.copy("Corpus")]
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
    ],
    swiftLanguageModes: [.v6]
)
