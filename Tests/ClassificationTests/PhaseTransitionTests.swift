import Foundation
import Testing
@testable import FeatureLearning

/// Theorem 3.2: the phase transition of classification in n SNR^2.
@Suite("Phase transition (Theorem 3.2)", .tags(.theorem, .sweep))
struct PhaseTransitionTests {
    /// The outcome of one run, read at the first step with L_S <= 0.1 (Theorem 3.2's k):
    /// signal learning when min_j max_r |<w_jr, mu_j>| >= 2 and max_{j,r,i} |<w_jr, xi_i>| < 1;
    /// noise memorization when min_i max_r |<w_{y_i r}, xi_i>| >= 1 and max_{j,r,y} |<w_jr, mu_y>| < 1
    /// ("small" = below the other outcome's threshold 1); otherwise mixed or not converged.
    enum Outcome: String, Sendable { case signal, noise, mixed, notConverged }

    struct Point: Sendable {
        var nSNR2: Double
        var outcomes: [Outcome]
        var testAccuracy: [Double]
        func fraction(_ o: Outcome) -> Double { Double(outcomes.filter { $0 == o }.count) / Double(outcomes.count) }
    }

    static let grid: [Double] = [0.1, 0.2, 0.4, 0.75, 1, 1.5, 2, 3, 4, 6, 10, 15, 30]
    static let seedsPerPoint = 30

    static func sweep(_ noise: NoiseModel) -> [Point] {
        grid.map { value in
            let runs = RepeatedTrials.map(seedsPerPoint, seeds: SeedSequence(seed: 0x32)) { index, _ -> (Outcome, Double) in
                let c = ClassificationRunConfiguration(data: DataConfiguration(dimension: 1000, sampleCount: 30, nSNR2: value, noiseModel: noise),
                                                       width: 20, sigma0: 0.001, eta: 0.1, steps: 500, recordEvery: 500,
                                                       testSampleCount: 500, seed: 0x3200 + UInt64(index))
                let t = try! TrajectoryCache.shared.classification(c)
                guard let k = t.firstStep(lossBelow: 0.1) else { return (.notConverged, t.records.last!.testAccuracy ?? .nan) }
                let s = t.summaries[k]
                let outcome: Outcome
                if s.signalMax.min()! >= 2 && s.noiseMaxAll < 1 { outcome = .signal }
                else if s.noiseMaxOwnMin >= 1 && s.signalMaxAll < 1 { outcome = .noise }
                else { outcome = .mixed }
                return (outcome, t.records.last!.testAccuracy ?? .nan)
            }
            return Point(nSNR2: value, outcomes: runs.map(\.0), testAccuracy: runs.map(\.1))
        }
    }

    static let definition21 = sweep(.projected)
    static let section51 = sweep(.isotropic)

    /// C_hi: the smallest grid value from which on every point has observed signal-learning fraction
    /// >= 1 - delta; C_lo: the largest value up to which every point has noise fraction >= 1 - delta
    /// (delta = 0.1). The assertions: both exist inside the sweep, C_lo < C_hi, and at every point beyond
    /// them the data do not refute "signal (noise) learning with probability >= 1 - delta" at
    /// confidence 1 - 1e-6 (Clopper–Pearson).
    @Test("THM-3.2 — phase transition in n SNR^2 (Def 2.1 data and the Sec 5.1 variant)", arguments: [NoiseModel.projected, .isotropic])
    func theorem32PhaseTransition(noise: NoiseModel) throws {
        let points = noise == .projected ? Self.definition21 : Self.section51
        let delta = 0.1
        let hiIndex = points.indices.first { i in points[i...].allSatisfy { $0.fraction(.signal) >= 1 - delta } }
        let loIndex = points.indices.last { i in points[...i].allSatisfy { $0.fraction(.noise) >= 1 - delta } }
        var lines: [String] = []
        for p in points {
            let acc = p.testAccuracy.reduce(0, +) / Double(p.testAccuracy.count)
            lines.append(String(format: "%.2f: signal %.2f noise %.2f mixed %.2f test acc %.3f", p.nSNR2, p.fraction(.signal), p.fraction(.noise), p.fraction(.mixed), acc))
        }
        let cHi = hiIndex.map { points[$0].nSNR2 }, cLo = loIndex.map { points[$0].nSNR2 }
        report("THM-3.2", "\(noise): C_lo = \(cLo.map { "\($0)" } ?? "none"), C_hi = \(cHi.map { "\($0)" } ?? "none"), width C_hi/C_lo = \(cHi.flatMap { h in cLo.map { h / $0 } } ?? .nan)\n  " + lines.joined(separator: "\n  "))
        let hi = try #require(hiIndex), lo = try #require(loIndex)
        #expect(lo < hi)
        #expect(hi > 0 && lo < points.count - 1)
        for p in points[hi...] {
            let failures = p.outcomes.filter { $0 != .signal }.count
            #expect(!ClopperPearson.violationRate(violations: failures, trials: p.outcomes.count, delta: delta).refutesClaim)
        }
        for p in points[...lo] {
            let failures = p.outcomes.filter { $0 != .noise }.count
            #expect(!ClopperPearson.violationRate(violations: failures, trials: p.outcomes.count, delta: delta).refutesClaim)
        }
        // Generalization: noise memorization generalizes at chance, signal learning perfectly.
        let lowAccuracy = points[...lo].flatMap(\.testAccuracy), highAccuracy = points[hi...].flatMap(\.testAccuracy)
        #expect(lowAccuracy.reduce(0, +) / Double(lowAccuracy.count) < 0.65)
        #expect(highAccuracy.reduce(0, +) / Double(highAccuracy.count) > 0.95)
    }
}
