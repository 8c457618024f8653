// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Showroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "showroom", targets: ["ShowroomCLI"]),
        .library(name: "ShowroomKit", targets: ["ShowroomKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already built for Hummingbird's TLS; used for SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // See Sources/CCmarkGFM/README.md for why this links the way it does.
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "ShowroomKit",
            dependencies: [
                "CCmarkGFM",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "ShowroomCLI",
            dependencies: [
                "ShowroomKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc instead of glibc's malloc: a build allocates many short-lived strings and arrays on
            // every core, and glibc's allocator was up to a seventh of a large build's time (see README ›
            // Performance). Linked into the executable only; the library and its tests use the system's.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "ShowroomKitTests",
            dependencies: ["ShowroomKit", "CLibXML2", .product(name: "Yams", package: "Yams")],
            // Read in place through #filePath (schemas import each other by relative path).
            exclude: ["Resources"]
        ),
    ]
)
