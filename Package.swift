// swift-tools-version:6.0
import PackageDescription

// Module layout: see docs/design/architecture.md. Only the C* targets import C.

// Release builds of the per-record modules skip dynamic exclusivity checks: every access to a
// class's stored `var` otherwise costs a runtime check (about 12% of the bench's instructions,
// docs/design/performance.md). Debug builds, which run the tests and conformance, keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Eddy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eddy", targets: ["eddy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // C libraries from Debian, module maps only.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CAvro", pkgConfig: "avro-c", providers: [.apt(["libavro-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CODBC", pkgConfig: "odbc", providers: [.apt(["unixodbc-dev"])]),

        .target(name: "EddyCore", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        .target(name: "EddySQL", dependencies: ["EddyCore"]),
        .target(name: "EddyFunctions", dependencies: ["EddyCore"]),
        .target(name: "EddySchemaRegistry", dependencies: ["EddyCore", "CCurl"]),
        // The embedded Confluent-compatible registry for dev mode (HTTP over Hummingbird).
        .target(name: "EddyRegistryServer", dependencies: [
            "EddySchemaRegistry", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EddyFormats", dependencies: ["EddyCore", "EddySchemaRegistry", "CAvro"], swiftSettings: hotPath),
        .target(name: "EddyPlanner", dependencies: ["EddyCore", "EddySQL", "EddyFunctions", "EddyFormats"]),
        .target(name: "EddyRuntime", dependencies: [
            "EddyCore", "EddyPlanner", "EddyFormats", "EddyFunctions",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: hotPath),
        .target(name: "EddyKafka", dependencies: [
            "CRdKafka", "EddyCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EddyEngine", dependencies: [
            "EddyCore", "EddySQL", "EddyPlanner", "EddyRuntime", "EddyFormats", "EddyFunctions", "EddySchemaRegistry",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Functions from ksqlDB's test sources, registered only for the conformance runner.
        .target(name: "EddyTestExtensions", dependencies: ["EddyCore", "EddyFunctions"]),
        .target(name: "EddyTesting", dependencies: ["EddyCore", "EddyEngine", "EddyFormats", "EddyFunctions", "EddySQL", "EddySchemaRegistry", "EddyTestExtensions"]),
        // The engine on Kafka: topic backend, query runners, push queries, dev stack, bench.
        .target(name: "EddyKafkaRuntime", dependencies: [
            "EddyCore", "EddySQL", "EddyPlanner", "EddyRuntime", "EddyFormats", "EddyEngine", "EddyKafka",
            "EddySchemaRegistry", "EddyRegistryServer",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: hotPath),
        .executableTarget(name: "eddy", dependencies: [
            "EddyCore", "EddyEngine", "EddyTesting", "EddySQL", "EddyKafka", "EddyKafkaRuntime", "EddyFormats", "EddyFunctions",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "EddyCoreTests", dependencies: ["EddyCore"]),
        .testTarget(name: "EddySQLTests", dependencies: ["EddySQL", "EddyCore"], resources: [.copy("Golden")]),
        .testTarget(name: "EddyFunctionsTests", dependencies: ["EddyFunctions", "EddyCore"]),
        .testTarget(name: "EddyFormatsTests", dependencies: ["EddyFormats", "EddyCore", "EddySchemaRegistry"]),
        .testTarget(name: "EddySchemaRegistryTests", dependencies: ["EddySchemaRegistry", "EddyCore"]),
        .testTarget(name: "EddyRegistryServerTests", dependencies: ["EddyRegistryServer", "EddySchemaRegistry", "EddyFormats", "EddyEngine", "EddyCore"]),
        .testTarget(name: "EddyPlannerTests", dependencies: ["EddyPlanner", "EddySQL", "EddyCore"]),
        .testTarget(name: "EddyRuntimeTests", dependencies: ["EddyRuntime", "EddyEngine", "EddyCore"]),
        .testTarget(name: "EddyKafkaTests", dependencies: ["EddyKafka", "EddyCore"]),
        .testTarget(name: "EddyIntegrationTests", dependencies: [
            "EddyKafkaRuntime", "EddyKafka", "EddyEngine", "EddyRuntime", "EddyCore", "EddyFormats", "EddySchemaRegistry",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "EddyTestingTests", dependencies: ["EddyTesting", "EddyEngine", "EddyCore", "EddyTestExtensions", "EddyFunctions"]),
    ]
)
