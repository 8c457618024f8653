// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Showroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "showroom", targets: ["ShowroomCLI"]),
        .executable(name: "showroom-fuzz", targets: ["ShowroomFuzzer"]),
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
        // Image renditions (ShowroomBuild/Images); see the shim for why it wraps libvips' calls.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        // gzip for feeds past a host's file size limit (ShowroomSupport/Gzip.swift).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The layers, each depending only on those before it (README › How the code is laid out).
        .target(name: "ShowroomSupport", dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ShowroomTemplates", dependencies: ["ShowroomModel", "ShowroomSupport"]),
        .target(name: "ShowroomModel", dependencies: ["ShowroomSupport"]),
        .target(name: "ShowroomLoading", dependencies: ["ShowroomModel", "ShowroomTemplates", "ShowroomSupport", .product(name: "Yams", package: "Yams")]),
        .target(name: "ShowroomImport", dependencies: ["ShowroomLoading", "ShowroomModel", "ShowroomSupport", "CLibXML2"]),
        .target(name: "ShowroomRendering", dependencies: ["ShowroomLoading", "ShowroomModel", "ShowroomTemplates", "ShowroomSupport", "CCmarkGFM", "CLibXML2"]),
        .target(name: "ShowroomBuild", dependencies: ["ShowroomRendering", "ShowroomLoading", "ShowroomModel", "ShowroomTemplates", "ShowroomSupport", "CVips"]),
        .target(
            name: "ShowroomServe",
            dependencies: [
                "ShowroomBuild", "ShowroomRendering", "ShowroomLoading", "ShowroomModel", "ShowroomSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "ShowroomCheck", dependencies: ["ShowroomBuild", "ShowroomRendering", "ShowroomLoading", "ShowroomModel", "ShowroomSupport", "CLibXML2"]),
        // The readers' fuzzing properties (scripts/fuzz runs them under libFuzzer; the tests replay Tests/Fuzz/).
        .target(name: "ShowroomFuzzing", dependencies: ["ShowroomServe", "ShowroomImport", "ShowroomRendering", "ShowroomLoading", "ShowroomModel"]),
        .executableTarget(name: "ShowroomFuzzer", dependencies: ["ShowroomFuzzing"]),
        .executableTarget(
            name: "ShowroomCLI",
            dependencies: [
                "ShowroomImport", "ShowroomCheck", "ShowroomServe", "ShowroomBuild", "ShowroomRendering", "ShowroomLoading", "ShowroomModel", "ShowroomSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc instead of glibc's malloc: a build allocates many short-lived strings and arrays on
            // every core, and glibc's allocator was up to a seventh of a large build's time (see README ›
            // Performance). Linked into the executable only; the library and its tests use the system's.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "ShowroomKitTests",
            dependencies: ["ShowroomFuzzing", "ShowroomImport", "ShowroomCheck", "ShowroomServe", "ShowroomBuild", "ShowroomRendering", "ShowroomLoading", "ShowroomModel", "ShowroomTemplates", "ShowroomSupport", "CLibXML2", "CVips", .product(name: "Yams", package: "Yams")],
            // Read in place through #filePath (schemas import each other by relative path).
            exclude: ["Resources"]
        ),
    ]
)
