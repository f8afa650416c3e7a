import Foundation
import Testing
@testable import FeatureLearning

/// Lemmas C.1 and C.2: concentration of class sizes and of noise norms and inner products.
/// Each "with probability >= 1 - delta" claim is run over many independent draws; a test fails only if
/// the Clopper–Pearson lower bound on the violation rate exceeds delta at one-sided confidence
/// 1 - 1e-6 (false-fail rate <= 1e-6 when the claim is true).
@Suite("Lemmas C.1, C.2", .tags(.lemma))
struct LemmaC1C2Tests {
    /// |S_y| is Binomial(n, 1/2). Labels are drawn from the same substream as in `TwoPatchDataset.generate`.
    @Test("LEM-C.1 — | |S_±1| - n/2 | <= sqrt(n log(4/delta) / 2) with probability >= 1 - delta",
          arguments: [(30, 0.05), (30, 0.01), (1000, 0.05), (7, 0.1)])
    func lemmaC1ClassSizes(n: Int, delta: Double) {
        let bound = (Double(n) * log(4 / delta) / 2).squareRoot()
        let rate = RepeatedTrials.violationRate(50_000, seeds: SeedSequence(seed: 0xC1), delta: delta) { _, seeds in
            var stream = seeds.generator(.trainingData, index: 0)
            let plus = (0..<n).reduce(0) { count, _ in count + (stream.nextSign() == 1 ? 1 : 0) }
            return abs(Double(plus) - Double(n) / 2) > bound || abs(Double(n - plus) - Double(n) / 2) > bound
        }
        report("LEM-C.1", "n=\(n) delta=\(delta): \(rate)")
        #expect(!rate.refutesClaim)
    }

    /// Explicit form of the O~(d^-1/2) of Lemma C.2: ||xi||^2 / sigma^2 ~ chi^2_k with k = d - 2
    /// (Def 2.1) or d (Sec 5.1). Laurent & Massart (2000): |chi^2_k - k| <= 2 sqrt(k t) + 2 t with
    /// probability >= 1 - 2 e^-t; with t = log(4n/delta) and a union bound over i this fails with
    /// probability <= delta/2. Hence | ||xi_i||^2 / (sigma^2 d) - 1 | <= (2 sqrt(d t) + 2 t + 2) / d.
    static func normDeviationBound(d: Int, n: Int, delta: Double) -> Double {
        let t = log(4 * Double(n) / delta), dd = Double(d)
        return (2 * (dd * t).squareRoot() + 2 * t + 2) / dd
    }

    @Test("LEM-C.2 — ||xi_i||^2 = sigma^2 d (1 ± O~(d^-1/2)) and |<xi_i, xi_i'>| <= 2 sigma^2 sqrt(d log(4n^2/delta))",
          arguments: [(1000, 30, NoiseModel.projected), (1000, 30, .isotropic), (4000, 10, .projected)])
    func lemmaC2NoiseConcentration(d: Int, n: Int, noise: NoiseModel) {
        let delta = 0.05, sigma = 1.5
        let normBound = Self.normDeviationBound(d: d, n: n, delta: delta)
        let crossBound = 2 * sigma * sigma * (Double(d) * log(4 * Double(n * n) / delta)).squareRoot()
        struct Outcome: Sendable { var normViolated: Bool; var crossViolated: Bool; var normConstant: Double; var crossRatio: Double }
        let outcomes = RepeatedTrials.map(1000, seeds: SeedSequence(seed: 0xC2)) { _, seeds -> Outcome in
            let data = drawData(d: d, n: n, mu: 3, sigmaXi: sigma, noise: noise, seeds: seeds)
            let gram = innerProducts(data.noisePatches, data.noisePatches)
            var worstNorm = 0.0, worstCross = 0.0
            for i in 0..<n {
                worstNorm = max(worstNorm, abs(gram[i, i] / (sigma * sigma * Double(d)) - 1))
                for j in 0..<n where j != i { worstCross = max(worstCross, abs(gram[i, j])) }
            }
            return Outcome(normViolated: worstNorm > normBound, crossViolated: worstCross > crossBound,
                           normConstant: worstNorm / (log(4 * Double(n) / delta) / Double(d)).squareRoot(),
                           crossRatio: worstCross / crossBound)
        }
        let normRate = ClopperPearson.violationRate(violations: outcomes.filter(\.normViolated).count, trials: outcomes.count, delta: delta / 2)
        let crossRate = ClopperPearson.violationRate(violations: outcomes.filter(\.crossViolated).count, trials: outcomes.count, delta: delta / 2)
        let constants = outcomes.map(\.normConstant).sorted()
        report("LEM-C.2", "d=\(d) n=\(n) \(noise): norm \(normRate); cross \(crossRate); measured constant c in c sqrt(log(4n/delta)/d): median \(constants[500]), 95% \(constants[950]); max cross / bound \(outcomes.map(\.crossRatio).max()!)")
        #expect(!normRate.refutesClaim)
        #expect(!crossRate.refutesClaim)
    }
}
