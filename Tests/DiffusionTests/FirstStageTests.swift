import Foundation
import Testing
@testable import FeatureLearning

/// Lemma E.4 / Lemma 4.1: the first stage of diffusion training.
@Suite("Diffusion first stage (Lemma E.4, Lemma 4.1)", .tags(.lemma))
struct FirstStageTests {
    /// Runs with every step recorded, Definition 2.1 data, Sec 5.1 sizes.
    static func firstStageRun(nSNR2: Double, sigma0: Double = 0.001, seed: UInt64 = 1) throws -> DiffusionTrajectory {
        var c = diffusionConfiguration(nSNR2: nSNR2, noise: .projected, sigma0: sigma0, seed: seed, steps: Int(0.4 / sigma0), recordEvery: 1)
        c.selectStepSize = false // a truncated run at the fixed eta = 0.05
        return try TrajectoryCache.shared.diffusion(c)
    }

    /// T1 = max(T_mu, T_xi) of Lemma E.4 with the hidden constants set to 1 and no log factors:
    /// T_mu = sqrt(m) / (sigma0 d ||mu|| eta a b), T_xi = n sqrt(m) / (sigma0 sigma d^{3/2} eta a b).
    static func formulaT1(_ t: DiffusionTrajectory) -> Double {
        let c = t.configuration, d = Double(c.data.dimension), m = Double(c.width), n = Double(c.data.sampleCount)
        let ab = c.diffusion.alphaT * c.diffusion.betaT
        let tMu = m.squareRoot() / (c.sigma0 * d * c.data.signalNorm * c.eta * ab)
        let tXi = n * m.squareRoot() / (c.sigma0 * c.data.sigmaXi * d * d.squareRoot() * c.eta * ab)
        return max(tMu, tXi)
    }

    /// The measured end of the first stage: the last step up to which items (1)-(3) of Lemma E.4 hold,
    /// with the O~ read as twice Lemma E.1's initialization bounds (delta = 0.05):
    /// |<w_r, mu_j>| <= 2 sqrt(2 log(16m/delta)) sigma0 ||mu||, |<w_r, xi_i>| <= 4 sqrt(log(16mn/delta)) sigma0 sigma sqrt(d),
    /// and ||w_r||^2 / (sigma0^2 d) in [1/2, 2].
    static func t1(_ t: DiffusionTrajectory) -> Int {
        let c = t.configuration, d = Double(c.data.dimension), m = Double(c.width), n = Double(c.data.sampleCount), delta = 0.05
        let signalBound = 2 * (2 * log(16 * m / delta)).squareRoot() * c.sigma0 * c.data.signalNorm
        let noiseBound = 4 * log(16 * m * n / delta).squareRoot() * c.sigma0 * c.data.sigmaXi * d.squareRoot()
        let scale = c.sigma0 * c.sigma0 * d
        for (k, record) in t.records.enumerated() {
            for r in 0..<c.width {
                let norm = record.gram[r, r] / scale
                let signal = max(abs(record.products[r, 0]), abs(record.products[r, 1]))
                let noise = t.basis.noiseIndex.map { abs(record.products[r, $0]) }.max()!
                if norm < 0.5 || norm > 2 || signal > signalBound || noise > noiseBound { return max(0, k - 1) }
            }
        }
        return t.records.count - 1
    }

    /// Measured increments at step k divided by the printed prediction
    /// 4 eta a b |S_j| / (n sqrt m) ||w_r||^2 ||mu||^2 (signal) and 4 eta a b / (n sqrt m) ||w_r||^2 ||xi_i||^2 (noise).
    static func incrementRatios(_ t: DiffusionTrajectory, step k: Int) -> (signal: [Double], noise: [Double]) {
        let c = t.configuration, n = Double(t.data.sampleCount), m = Double(c.width)
        let factor = 4 * c.eta * c.diffusion.alphaT * c.diffusion.betaT / (n * m.squareRoot())
        let now = t.records[k], next = t.records[k + 1]
        var signal: [Double] = [], noise: [Double] = []
        for r in 0..<c.width {
            for (column, y) in [(0, 1), (1, -1)] {
                let predicted = factor * Double(t.data.classIndices(y).count) * now.gram[r, r] * t.basis.gram[column, column]
                signal.append((next.products[r, column] - now.products[r, column]) / predicted)
            }
            for column in t.basis.noiseIndex {
                let predicted = factor * now.gram[r, r] * t.basis.gram[column, column]
                noise.append((next.products[r, column] - now.products[r, column]) / predicted)
            }
        }
        return (signal, noise)
    }

    /// The printed increments are twice the measured ones: the gradient of (1/2n) sum_i sum_p of
    /// -(4 a b / sqrt m) ||w_r||^2 <w_r, x> is -(2 a b / (n sqrt m)) sum (...), so the constant is 2, not 4.
    @Test("LEM-E.4 — first-stage increments: the printed constant 4 eta a b |S_j| / (n sqrt m) is twice the measured one", .tags(.erratum),
          arguments: [0.75, 6.75])
    func lemmaE4IncrementConstant(nSNR2: Double) throws {
        let t = try Self.firstStageRun(nSNR2: nSNR2)
        let (signal, noise) = Self.incrementRatios(t, step: 0)
        let signalMedian = Moments.median(signal), noiseMedian = Moments.median(noise)
        report("LEM-E.4", "n SNR^2 = \(nSNR2): measured / printed increment at k = 0: signal median \(signalMedian) [\(signal.min()!), \(signal.max()!)], noise median \(noiseMedian) [\(noise.min()!), \(noise.max()!)]")
        withKnownIssue("the printed constant 4 should be 2") { #expect(abs(signalMedian - 1) <= 0.05) }
        // Corrected constant 2: the signal increments agree within 5% (their stated error is O~(sigma0^3 d ||mu||)
        // relative); the noise increments carry the <xi_i', xi_i> cross terms, a random O(sqrt(n/d)) = 17% each.
        #expect(signal.allSatisfy { abs(2 * $0 - 1) <= 0.05 })
        #expect(abs(2 * noiseMedian - 1) <= 0.1)
        #expect(noise.allSatisfy { abs(2 * $0 - 1) <= 1 })
    }

    /// How the increment error scales with sigma0: the lemma's error term is O~(eta sigma0^5 d^2 ||mu||^3)
    /// absolute. We fit the exponent of the median absolute error (against the corrected constant) of the
    /// first signal increment over sigma0 = 1e-4 .. 3e-3 (n SNR^2 = 6.75). Claim 5; measured about 2: the
    /// error is dominated by the -(8 a b / sqrt m) u_r w_r part of the same linear term, which is of the
    /// same sigma0^2 order as the main term.
    @Test("LEM-E.4 — the increment error scales like sigma0^2, not the stated sigma0^5", .tags(.erratum, .sweep))
    func lemmaE4ErrorScalingInSigma0() throws {
        let sigmas = [1e-4, 3e-4, 1e-3, 3e-3]
        var errors: [Double] = []
        for sigma0 in sigmas {
            let t = try Self.firstStageRun(nSNR2: 6.75, sigma0: sigma0)
            let c = t.configuration, n = Double(t.data.sampleCount), m = Double(c.width)
            let factor = 2 * c.eta * c.diffusion.alphaT * c.diffusion.betaT / (n * m.squareRoot())
            var absolute: [Double] = []
            for r in 0..<c.width {
                for (column, y) in [(0, 1), (1, -1)] {
                    let predicted = factor * Double(t.data.classIndices(y).count) * t.records[0].gram[r, r] * t.basis.gram[column, column]
                    absolute.append(abs(t.records[1].products[r, column] - t.records[0].products[r, column] - predicted))
                }
            }
            errors.append(Moments.median(absolute))
        }
        let fit = LinearFit.powerLaw(x: sigmas, y: errors)
        report("LEM-E.4", "median absolute increment error by sigma0 \(zip(sigmas, errors).map { "\($0): \($1)" }); exponent \(fit.slope) ± \(fit.slopeStandardError) (stated 5)")
        withKnownIssue("the stated error term O~(sigma0^5 d^2 ||mu||^3) understates the error at small sigma0") {
            #expect(abs(fit.slope - 5) <= 0.5)
        }
        #expect(abs(fit.slope - 2) <= 0.5)
    }

    /// Growth shape over [0, T1] of the mean signed signal and noise inner products (all neurons drift
    /// in the +mu_j and +xi_i directions), by the toolkit's AIC criterion, and the "linear horizon": the
    /// first step whose increment differs from the first increment by more than 10%.
    @Test("LEM-E.4 / LEM-4.1 — growth shape of signal and noise learning in the first stage (linear vs exponential)", arguments: [0.75, 6.75])
    func lemmaE4GrowthShape(nSNR2: Double) throws {
        let t = try Self.firstStageRun(nSNR2: nSNR2)
        let t1 = Self.t1(t)
        let m = t.configuration.width
        func meanSigned(_ columns: [Int], _ k: Int) -> Double {
            var total = 0.0
            for r in 0..<m { for column in columns { total += t.records[k].products[r, column] - t.records[0].products[r, column] } }
            return total / Double(m * columns.count)
        }
        let steps = Array(1...t1)
        let signal = steps.map { meanSigned([0, 1], $0) }, noise = steps.map { meanSigned(t.basis.noiseIndex, $0) }
        let signalShape = GrowthShapeSelection(k: steps.map(Double.init), y: signal)
        let noiseShape = GrowthShapeSelection(k: steps.map(Double.init), y: noise)
        func horizon(_ y: [Double]) -> Int { (1..<y.count).first { abs((y[$0] - y[$0 - 1]) / y[0] - 1) > 0.1 } ?? y.count }
        report("LEM-4.1", "n SNR^2 = \(nSNR2), measured T1 = \(t1) (formula \(Int(Self.formulaT1(t)))): signal \(signalShape.shape) (AIC lin \(signalShape.linearAIC), exp \(signalShape.exponentialAIC)), noise \(noiseShape.shape) (AIC lin \(noiseShape.linearAIC), exp \(noiseShape.exponentialAIC)); linear horizon (increments within 10%): signal \(horizon(signal)), noise \(horizon(noise)) steps")
        #expect(signalShape.shape == .linear)
        #expect(noiseShape.shape == .linear)
        #expect(horizon(signal) >= t1 / 4 && horizon(noise) >= t1 / 4)
    }

    /// T1 = Theta~(1 / sigma0) (both T_mu and T_xi are proportional to 1/sigma0): the exponent of the
    /// measured T1 over sigma0 = 3e-4 .. 3e-3, and the hidden constant T1 / formula.
    @Test("LEM-E.4 — the first stage lasts Theta(1/sigma0) steps: fitted exponent and hidden constant", .tags(.sweep))
    func lemmaE4FirstStageLength() throws {
        let sigmas = [3e-4, 1e-3, 3e-3]
        var lengths: [Double] = [], constants: [Double] = []
        for sigma0 in sigmas {
            let t = try Self.firstStageRun(nSNR2: 0.75, sigma0: sigma0)
            lengths.append(Double(Self.t1(t)))
            constants.append(Double(Self.t1(t)) / Self.formulaT1(t))
        }
        let fit = LinearFit(x: sigmas.map { log($0) }, y: lengths.map { log($0) })
        report("LEM-E.4", "measured T1 by sigma0 \(zip(sigmas, lengths).map { "\($0): \($1)" }); exponent \(fit.slope) ± \(fit.slopeStandardError) (claim -1); T1 / formula \(constants)")
        #expect(abs(fit.slope + 1) <= 0.2)
    }

    /// At T1: neuron concentration (max/min of |<w_r, mu_j>| over (r, j) and of |<w_r, xi_i>| over
    /// (r, i)), the cross-neuron inner product relative to ||w_r||^2, and the signal/noise ratio.
    @Test("LEM-E.4 — at T1: neuron concentration, <w_r, w_r'> against ||w_r||^2", arguments: [0.75, 6.75])
    func lemmaE4ConcentrationAtT1(nSNR2: Double) throws {
        let t = try Self.firstStageRun(nSNR2: nSNR2)
        let t1 = Self.t1(t)
        let record = t.records[t1], m = t.configuration.width
        let signal = (0..<m).flatMap { r in [abs(record.products[r, 0]), abs(record.products[r, 1])] }
        let noise = (0..<m).flatMap { r in t.basis.noiseIndex.map { abs(record.products[r, $0]) } }
        var cosines: [Double] = []
        for r in 0..<m { for s in 0..<m where s != r { cosines.append(record.gram[r, s] / (record.gram[r, r] * record.gram[s, s]).squareRoot()) } }
        let signalSpread = signal.max()! / signal.min()!, noiseSpread = noise.max()! / noise.min()!
        let meanCosine = Moments.mean(cosines)
        report("LEM-E.4", "n SNR^2 = \(nSNR2), T1 = \(t1): signal spread max/min \(signalSpread), noise spread \(noiseSpread), mean cosine <w_r, w_r'>/(||w_r|| ||w_r'||) \(meanCosine) (range \(cosines.min()!)..\(cosines.max()!))")
        // Concentration operationalized as max/min <= 10 over neurons, patches (a stated band).
        #expect(signalSpread <= 10)
        withKnownIssue("noise learning is not concentrated at T1: some |<w_r, xi_i>| are still near 0") { #expect(noiseSpread <= 10) }
        withKnownIssue("<w_r, w_r'> is far below ||w_r||^2 at T1 (neurons are nearly orthogonal)") { #expect(meanCosine >= 0.5) }
    }

    /// The ratio of mean signal to mean noise learning at T1 over n SNR^2 = 0.1 .. 30 (Sec 5.1 sizes,
    /// Def 2.1 data): fitted exponent, claim 1 (Theta(n SNR^2)); tolerance 0.2 as for the classification T1.
    @Test("LEM-E.4 / LEM-4.1 — ratio at T1 against n SNR^2: fitted exponent", .tags(.sweep))
    func lemmaE4RatioAtT1() throws {
        let grid = [0.1, 0.3, 1, 3, 10, 30]
        var ratios: [Double] = []
        for value in grid {
            let t = try Self.firstStageRun(nSNR2: value)
            let levels = LearningLevels(t.records[Self.t1(t)], basis: t.basis)
            ratios.append(levels.meanRatio)
        }
        let fit = LinearFit.powerLaw(x: grid, y: ratios)
        report("LEM-4.1", "ratio at T1 by n SNR^2: \(zip(grid, ratios).map { String(format: "%.2f: %.3f", $0, $1) }); exponent \(fit.slope) ± \(fit.slopeStandardError)")
        #expect(abs(fit.slope - 1) <= 0.2)
    }
}
