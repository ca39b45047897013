// swift-tools-version: 6.2
import PackageDescription

// Strict concurrency is the Swift 6 language mode's default; these keep the
// code honest about existentials and imports as well.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "hallmark",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hallmark", targets: ["hallmark"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "HallmarkDomain", swiftSettings: strict),
        .target(
            name: "HallmarkAnalytics",
            dependencies: ["HallmarkDomain"],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "HallmarkStore",
            dependencies: [
                "HallmarkDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HallmarkWeb",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hallmark",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "HallmarkBenchmarks",
            dependencies: ["HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkWeb"],
            swiftSettings: strict
        ),
        // Shared by the test targets only: a fresh database per test on either backend.
        .target(
            name: "HallmarkTestSupport",
            dependencies: ["HallmarkStore", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(name: "HallmarkDomainTests", dependencies: ["HallmarkDomain"], swiftSettings: strict),
        .testTarget(
            name: "HallmarkAnalyticsTests",
            dependencies: ["HallmarkAnalytics", "HallmarkTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HallmarkStoreTests",
            dependencies: ["HallmarkStore", "HallmarkTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HallmarkWebTests",
            dependencies: [
                "HallmarkWeb", "HallmarkStore", "HallmarkAnalytics", "HallmarkTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
