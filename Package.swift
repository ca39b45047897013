// swift-tools-version: 6.2
import PackageDescription

// Strict concurrency is the Swift 6 language mode's default; these keep the
// code honest about existentials and imports as well.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// What every capability module may use, with the capabilities it builds on.
func capability(_ more: [Target.Dependency]) -> [Target.Dependency] {
    [
        "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkKit",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Plot", package: "Plot"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "Logging", package: "swift-log"),
    ] + more
}

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
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // Already under PostgreSQL's client; named here for the SMTP client's TLS.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
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
        // The kit: what every page shares (context, sessions' forms, layout, forms, tables,
        // charts, CSV, errors, settings). Capabilities build on it; it knows none of them.
        .target(
            name: "HallmarkKit",
            dependencies: [
                "HallmarkDomain", "HallmarkStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                // The SMTP client that sends the reminders' e-mail.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        // Capabilities, one module each, of one shape: repository, computations, service,
        // routes and views. Each reads another only through what that one offers the package.
        .target(name: "HallmarkRegister", dependencies: capability([]), swiftSettings: strict),
        .target(
            name: "HallmarkCrimeData",
            dependencies: capability(["HallmarkRegister", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
            swiftSettings: strict
        ),
        .target(
            name: "HallmarkAssessment",
            dependencies: capability(["HallmarkRegister", "HallmarkCrimeData"]),
            swiftSettings: strict
        ),
        .target(
            name: "HallmarkMeetings",
            dependencies: capability(["HallmarkRegister"]),
            swiftSettings: strict
        ),
        .target(
            name: "HallmarkFunding", dependencies: capability(["HallmarkRegister", "HallmarkCrimeData"]),
            swiftSettings: strict),
        .target(
            name: "HallmarkPlan", dependencies: capability(["HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkFunding"]),
            swiftSettings: strict),
        .target(name: "HallmarkReviews", dependencies: capability(["HallmarkRegister", "HallmarkFunding"]), swiftSettings: strict),
        .target(
            name: "HallmarkRestructuring", dependencies: capability(["HallmarkRegister", "HallmarkCrimeData", "HallmarkMeetings", "HallmarkFunding"]),
            swiftSettings: strict),
        .target(name: "HallmarkEngagement", dependencies: capability(["HallmarkRegister", "HallmarkAssessment", "HallmarkPlan"]), swiftSettings: strict),
        // The server: wires the capabilities, middleware and services together.
        .target(
            name: "HallmarkWeb",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkKit",
                "HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkMeetings", "HallmarkFunding", "HallmarkPlan", "HallmarkEngagement", "HallmarkReviews",
                "HallmarkRestructuring",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hallmark",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkKit", "HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkMeetings",
                "HallmarkReviews", "HallmarkWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "HallmarkBenchmarks",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkKit", "HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkMeetings",
                "HallmarkPlan", "HallmarkWeb",
            ],
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
            name: "HallmarkAssessmentTests",
            dependencies: ["HallmarkAssessment", "HallmarkCrimeData", "HallmarkAnalytics", "HallmarkDomain", "HallmarkStore"],
            swiftSettings: strict
        ),
        .testTarget(name: "HallmarkMeetingsTests", dependencies: ["HallmarkMeetings", "HallmarkDomain"], swiftSettings: strict),
        .testTarget(name: "HallmarkFundingTests", dependencies: ["HallmarkFunding", "HallmarkDomain"], swiftSettings: strict),
        .testTarget(name: "HallmarkPlanTests", dependencies: ["HallmarkPlan", "HallmarkDomain", "HallmarkAnalytics"], swiftSettings: strict),
        .testTarget(name: "HallmarkEngagementTests", dependencies: ["HallmarkEngagement", "HallmarkDomain"], swiftSettings: strict),
        .testTarget(
            name: "HallmarkAnalyticsTests",
            dependencies: ["HallmarkAnalytics", "HallmarkTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HallmarkStoreTests",
            dependencies: [
                "HallmarkStore", "HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HallmarkWebTests",
            dependencies: [
                "HallmarkDomain", "HallmarkAnalytics", "HallmarkStore", "HallmarkKit", "HallmarkRegister", "HallmarkCrimeData", "HallmarkAssessment", "HallmarkMeetings",
                "HallmarkFunding", "HallmarkPlan", "HallmarkEngagement", "HallmarkReviews", "HallmarkRestructuring", "HallmarkWeb", "HallmarkTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
    ]
)
