import Foundation
import Testing
@testable import FeatureLearning

extension Tag {
    @Tag static var lemma: Self
    @Tag static var theorem: Self
    @Tag static var identity: Self
    @Tag static var erratum: Self
    @Tag static var sweep: Self
}

func report(_ claim: String, _ message: String) { print("[\(claim)] \(message)") }

/// The regimes the Appendix D claims are checked in. Every trajectory comes from
/// `TrajectoryCache.shared`, so a configuration is trained once per test process.
enum Regime: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Sec 5.1, mu = 15 (n SNR^2 = 6.75), unprojected noise: the paper's high-SNR experiment.
    case section51High
    /// Sec 5.1, mu = 5 (n SNR^2 = 0.75).
    case section51Low
    /// Definition 2.1 data (projected noise) at the Sec 5.1 sizes, mu = 15.
    case definition21High
    /// Definition 2.1 data at the Sec 5.1 sizes, mu = 5.
    case definition21Low
    /// Condition D.1 satisfied with C = 1 and no log factors (eta a factor 10 inside its bound):
    /// d = 40000, n = 5, m = 5, sigma0 = 0.0033, n SNR^2 = 10 (||mu|| = 282.8), eta = 6.25e-6.
    case conditionD1Signal
    /// As above with n SNR^2 = 0.1 (||mu|| = 28.3), sigma0 = 0.004, eta = 5e-5.
    case conditionD1Noise

    var description: String { rawValue }

    var isSignalRegime: Bool { [.section51High, .definition21High, .conditionD1Signal].contains(self) }

    func configuration(seed: UInt64) -> ClassificationRunConfiguration {
        switch self {
        case .section51High, .section51Low, .definition21High, .definition21Low:
            let preset = (self == .section51High || self == .definition21High) ? Presets.section51High : Presets.section51Low
            var c = ClassificationRunConfiguration(preset: preset, noiseModel: (self == .section51High || self == .section51Low) ? .isotropic : .projected,
                                                   seed: seed, recordEvery: 1, testSampleCount: seed == 0 ? 3000 : 0)
            c.referencePoints = true
            return c
        case .conditionD1Signal, .conditionD1Noise:
            let signal = self == .conditionD1Signal
            var c = ClassificationRunConfiguration(
                data: DataConfiguration(dimension: 40_000, sampleCount: 5, nSNR2: signal ? 10 : 0.1, noiseModel: .projected),
                width: 5, sigma0: signal ? 0.0033 : 0.004, eta: signal ? 6.25e-6 : 5e-5, steps: 1500, recordEvery: 1,
                testSampleCount: 0, seed: seed)
            c.referencePoints = true
            return c
        }
    }

    /// Seeds per regime: 8 at the Sec 5.1 sizes, 6 in the (more expensive to set up) D.1 regime.
    var seeds: [UInt64] { self == .conditionD1Signal || self == .conditionD1Noise ? Array(0..<6) : Array(0..<8) }

    func trajectories() throws -> [ClassificationTrajectory] {
        try seeds.map { try TrajectoryCache.shared.classification(configuration(seed: $0)) }
    }
}

/// alpha = 2 log T* with T* the run length (Proposition D.1).
func alphaBound(_ t: ClassificationTrajectory) -> Double { 2 * log(Double(t.configuration.steps)) }

/// The first step where both signal groups have max_r and mean_r |<w_jr, mu_j>| >= 2 (Theorem D.1's T1).
func signalT1(_ t: ClassificationTrajectory) -> Int? {
    t.summaries.firstIndex { $0.signalMax.min()! >= 2 && $0.signalMean.min()! >= 2 }
}

/// The first step where every sample has max_r |<w_{y_i r}, xi_i>| >= 2 (Theorem D.3's item (1)).
func noiseT1(_ t: ClassificationTrajectory) -> Int? { t.summaries.firstIndex { $0.noiseMaxOwnMin >= 2 } }

/// Lemmas D.12 / D.19: ||W^k - W*||^2 - ||W^{k+1} - W*||^2 >= 2 eta L_S(W^k) - eta eps (eps = 0.1) for
/// k >= T1, with W* the trajectory's reference point `reference` (0: signal, 1: noise). Returns the number
/// of violations (beyond rounding, 1e-12 relative), the number of steps checked and min margin / eta.
func distanceDecrease(_ t: ClassificationTrajectory, reference: Int, from t1: Int) -> (violations: Int, checks: Int, worst: Double) {
    let eta = t.configuration.eta, distances = t.referenceDistances[reference]
    var violations = 0, checks = 0, worst = Double.infinity
    for k in t1..<(distances.count - 1) {
        let margin = distances[k] - distances[k + 1] - (2 * eta * t.summaries[k].loss - eta * 0.1)
        checks += 1
        worst = min(worst, margin / eta)
        if margin < -1e-12 * distances[k] { violations += 1 }
    }
    return (violations, checks, worst)
}
