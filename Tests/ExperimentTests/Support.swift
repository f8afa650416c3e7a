import Foundation
import Testing
@testable import FeatureLearning

extension Tag {
    @Tag static var experiment: Self
    @Tag static var erratum: Self
}

func report(_ claim: String, _ message: String) { print("[\(claim)] \(message)") }

/// Sec 5.1 trajectories for seeds 0..<5 (the paper shows one run; we check five).
let experimentSeeds: [UInt64] = Array(0..<5)
