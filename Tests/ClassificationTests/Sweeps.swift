import Foundation
import Testing
@testable import FeatureLearning

/// Parameter sweeps shared by several tests: computed once per process (a static let is lazy and
/// thread-safe), every trajectory through `TrajectoryCache`.
struct SweepPoint: Sendable {
    var value: Double
    var t1: Int?
    /// max_{r,i} |<w_{y_i r}, xi_i>| at T1 (signal sweeps) or max_{j,r,y} |<w_jr, mu_y>| at T1 (noise sweeps).
    var otherAtT1: Double
    /// The same quantity at the first step with L_S <= 0.1.
    var otherAtConvergence: Double?
    var firstConvergedStep: Int?
    /// ||W^T1 - W*|| for the stage's reference point.
    var distanceAtT1: Double?
}

enum Sweeps {
    /// Definition 2.1 data, d = 1000, n = 30, sigma0 = 0.001, signal regime.
    static func signalConfiguration(eta: Double = 0.02, m: Int = 20, mu: Double = 15, n: Int = 30, d: Int = 1000, seed: UInt64 = 0,
                                    steps: Int = 6000) -> ClassificationRunConfiguration {
        var c = ClassificationRunConfiguration(data: DataConfiguration(dimension: d, sampleCount: n, signalNorm: mu, noiseModel: .projected),
                                               width: m, sigma0: 0.001, eta: eta, steps: steps, recordEvery: 1000, seed: seed)
        c.referencePoints = true
        return c
    }

    static func noiseConfiguration(eta: Double = 0.1, m: Int = 20, d: Int = 1000, n: Int = 30, nSNR2: Double = 0.1, seed: UInt64 = 0,
                                   steps: Int = 6000) -> ClassificationRunConfiguration {
        var c = ClassificationRunConfiguration(data: DataConfiguration(dimension: d, sampleCount: n, nSNR2: nSNR2, noiseModel: .projected),
                                               width: m, sigma0: 0.001, eta: eta, steps: steps, recordEvery: 1000, seed: seed)
        c.referencePoints = true
        return c
    }

    static func signalPoint(_ c: ClassificationRunConfiguration, value: Double) -> SweepPoint {
        let t = try! TrajectoryCache.shared.classification(c)
        let t1 = signalT1(t)
        let converged = t.firstStep(lossBelow: 0.1)
        return SweepPoint(value: value, t1: t1, otherAtT1: t1.map { ownNoise(t, at: $0) } ?? .nan,
                          otherAtConvergence: converged.map { ownNoise(t, at: $0) }, firstConvergedStep: converged,
                          distanceAtT1: t1.map { t.referenceDistances[0][$0].squareRoot() })
    }

    static func noisePoint(_ c: ClassificationRunConfiguration, value: Double) -> SweepPoint {
        let t = try! TrajectoryCache.shared.classification(c)
        let t1 = noiseT1(t)
        let converged = t.firstStep(lossBelow: 0.1)
        return SweepPoint(value: value, t1: t1, otherAtT1: t1.map { t.summaries[$0].signalMaxAll } ?? .nan,
                          otherAtConvergence: converged.map { t.summaries[$0].signalMaxAll }, firstConvergedStep: converged,
                          distanceAtT1: t1.map { t.referenceDistances[1][$0].squareRoot() })
    }

    /// max_{r,i} |<w_{y_i r}, xi_i>| at step k.
    static func ownNoise(_ t: ClassificationTrajectory, at k: Int) -> Double { t.summaries[k].noiseMaxOwn }

    static let signalEta: [SweepPoint] = [0.005, 0.01, 0.02, 0.04].map { signalPoint(signalConfiguration(eta: $0), value: $0) }
    static let signalWidth: [SweepPoint] = [10, 20, 40, 80].map { signalPoint(signalConfiguration(m: Int($0)), value: $0) }
    static let signalNorm: [SweepPoint] = [15, 21.2, 30, 42.4].map { signalPoint(signalConfiguration(mu: $0), value: $0) }
    /// n sweep at fixed n SNR^2 = 6.75 and d = 8000, eta = 0.1 m / ||mu||^2.
    static let signalSamples: [SweepPoint] = [10.0, 20, 40, 80].map { n in
        let mu = (6.75 * 8000 / n).squareRoot()
        return signalPoint(signalConfiguration(eta: 0.1 * 20 / (mu * mu), mu: mu, n: Int(n), d: 8000, steps: 3000), value: n)
    }
    static let noiseEta: [SweepPoint] = [0.025, 0.05, 0.1, 0.2].map { noisePoint(noiseConfiguration(eta: $0), value: $0) }
    static let noiseWidth: [SweepPoint] = [10, 20, 40, 80].map { noisePoint(noiseConfiguration(m: Int($0)), value: $0) }
    static let noiseDimension: [SweepPoint] = [500, 1000, 2000, 4000].map { noisePoint(noiseConfiguration(d: Int($0)), value: $0) }
    static let noiseSamples: [SweepPoint] = [10.0, 20, 40, 80].map { n in
        noisePoint(noiseConfiguration(eta: 0.1 * n / 30, d: 8000, n: Int(n), steps: 3000), value: n)
    }

    /// Fitted exponent of y against x on log-log axes.
    static func exponent(_ points: [SweepPoint], _ y: (SweepPoint) -> Double?) -> LinearFit? {
        let pairs = points.compactMap { p in y(p).flatMap { $0 > 0 && $0.isFinite ? (p.value, $0) : nil } }
        guard pairs.count >= 3 else { return nil }
        return LinearFit.powerLaw(x: pairs.map(\.0), y: pairs.map(\.1))
    }

    static func describe(_ fit: LinearFit?) -> String {
        guard let fit else { return "no fit" }
        return String(format: "exponent %.3f ± %.3f (R² %.3f)", fit.slope, fit.slopeStandardError, fit.rSquared)
    }
}
