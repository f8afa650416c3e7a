// swift-tools-version:6.0
// FeatureLearning: the numerical proof companion of "On the Feature Learning in Diffusion Models".
// No package dependencies: the toolchain's own modules only.
import PackageDescription

/// The library is always compiled optimized, also inside `swift test`'s debug build: its numeric
/// kernels are 15-100x slower at -Onone (measured on a 2-core machine, see README).
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "FeatureLearning",
    products: [
        .library(name: "FeatureLearning", targets: ["FeatureLearning"]),
        .executable(name: "feature-learning", targets: ["feature-learning"]),
    ],
    targets: [
        /// zlib, already on the machine (Debian's zlib1g-dev), for the gzip-compressed IDX image files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "FeatureLearning", dependencies: ["CZlib"], swiftSettings: optimized),
        .executableTarget(name: "feature-learning", dependencies: ["FeatureLearning"], swiftSettings: optimized),
        .testTarget(name: "PreliminaryTests", dependencies: ["FeatureLearning"]),
        .testTarget(name: "ClassificationTests", dependencies: ["FeatureLearning"]),
        .testTarget(name: "DiffusionTests", dependencies: ["FeatureLearning"]),
        .testTarget(name: "ExperimentTests", dependencies: ["FeatureLearning"]),
        .testTarget(name: "CommandLineTests", dependencies: ["FeatureLearning"]),
    ]
)
