import Foundation
import Testing
@testable import FeatureLearning

/// Section 5.1 (Figures 2-3), Appendix G (Figure 14), Figure 1, Theorem 1.1 and Appendix J: the
/// synthetic experiments rerun with the paper's settings (d = 1000, n = 30, m = 20, sigma0 = 0.001,
/// eta = 0.1, 500 iterations, 3000 test samples, t = 0.2, unprojected noise), five seeds each.
@Suite("Synthetic experiments (Sec 5.1, App G, App J)", .tags(.experiment))
struct Section51Tests {
    /// Low SNR (n SNR^2 = 0.75): train accuracy 100%, test accuracy about 50% (read as within [0.4, 0.6]),
    /// noise learning dominates (max noise > 10 x max signal). High SNR (6.75): test accuracy >= 0.99,
    /// signal dominates (max signal > 2 x max noise).
    @Test("SEC-5.1 / FIG-2 / FIG-3 — classification: noise memorization at low SNR, signal learning at high SNR")
    func section51Classification() throws {
        var lines: [String] = []
        for seed in experimentSeeds {
            let low = try PaperExperiments.classification(Presets.section51Low, seed: seed)
            let high = try PaperExperiments.classification(Presets.section51High, seed: seed)
            let l = low.summaries.last!, h = high.summaries.last!
            let lowTest = low.records.last!.testAccuracy!, highTest = high.records.last!.testAccuracy!
            lines.append(String(format: "seed %d: low train %.2f test %.3f signal %.3f noise %.2f; high train %.2f test %.3f signal %.2f noise %.2f", seed, l.trainAccuracy, lowTest, l.signalMax.max()!, l.noiseMaxOwn, h.trainAccuracy, highTest, h.signalMax.max()!, h.noiseMaxOwn))
            #expect(l.trainAccuracy == 1 && lowTest >= 0.4 && lowTest <= 0.6)
            #expect(l.noiseMaxOwn > 10 * l.signalMax.max()!)
            #expect(h.trainAccuracy == 1 && highTest >= 0.99)
            #expect(h.signalMax.max()! > 2 * h.noiseMaxOwn)
        }
        report("SEC-5.1", lines.joined(separator: "\n  "))
    }

    /// Diffusion converges (to a stationary point) at both SNRs; the paper says its ratio "respects the
    /// order of n SNR^2": from 0.75 to 6.75 (9x) the stationary ratio should grow by a comparable factor.
    @Test("SEC-5.1 / FIG-2 / FIG-3 — diffusion converges; its ratio does not follow the 9x change in n SNR^2", .tags(.erratum))
    func section51Diffusion() throws {
        var growth: [Double] = []
        for seed in experimentSeeds {
            let low = try PaperExperiments.diffusion(Presets.section51Low, seed: seed)
            let high = try PaperExperiments.diffusion(Presets.section51High, seed: seed)
            #expect(low.status == .stationary && high.status == .stationary)
            #expect(low.summaries.last!.loss < low.summaries.first!.loss && high.summaries.last!.loss < high.summaries.first!.loss)
            growth.append(PaperExperiments.diffusionRatio(high) / PaperExperiments.diffusionRatio(low))
        }
        report("FIG-2", "diffusion stationary ratio(6.75) / ratio(0.75) by seed: \(growth.map { String(format: "%.2f", $0) }) (n SNR^2 grows 9x)")
        withKnownIssue("the stationary ratio grows ~1.5x, not ~9x") { #expect(growth.allSatisfy { $0 >= 3 }) }
        #expect(growth.allSatisfy { $0 > 1 })
    }

    /// Figure 1: the classification ratio changes sharply with n SNR^2 and the diffusion ratio smoothly.
    /// Operational: between adjacent grid points the local slope d log(ratio) / d log(n SNR^2) exceeds
    /// 2 somewhere for classification (faster than n SNR^2 itself, twice over) and stays below 1
    /// everywhere for diffusion.
    @Test("FIG-1 — ratio against n SNR^2: sharp for classification, smooth for diffusion")
    func figure1RatioCurves() throws {
        let sweep = try PaperExperiments.ratioSweep(grid: [0.1, 0.3, 0.75, 1.5, 3, 6.75, 15, 30], seeds: [0, 1, 2])
        let x = sweep.map { log($0.nSNR2) }
        func slopes(_ y: [Double]) -> [Double] {
            var out: [Double] = []
            for k in 1..<y.count {
                let rise: Double = log(y[k]) - log(y[k - 1])
                out.append(rise / (x[k] - x[k - 1]))
            }
            return out
        }
        let c = slopes(sweep.map(\.classification)), d = slopes(sweep.map(\.diffusion))
        report("FIG-1", "classification ratios \(sweep.map { String(format: "%.3g", $0.classification) }), local slopes max \(c.max()!); diffusion ratios \(sweep.map { String(format: "%.3g", $0.diffusion) }), max |slope| \(d.map(abs).max()!)")
        #expect(c.max()! > 2)
        #expect(d.map(abs).max()! < 1)
    }

    /// Theorem 1.1, informal: diffusion's early growth is linear and its stationary ratio Theta(n SNR^2);
    /// classification's early growth is exponential and its ratio is large above beta and small below 1/beta.
    /// Checked at the Sec 5.1 sizes with beta = 10: ratio >= 3 for n SNR^2 >= 10, <= 1/3 for n SNR^2 <= 0.1.
    @Test("THM-1.1 — growth shapes and ratio regimes of both models", .tags(.erratum))
    func theorem11Comparison() throws {
        // Classification early growth: max signal (high SNR) and max noise (low SNR) until they reach 1.
        let high = try PaperExperiments.classification(Presets.section51High, seed: 0)
        let low = try PaperExperiments.classification(Presets.section51Low, seed: 0)
        func earlyShape(_ values: [Double]) -> GrowthShape {
            let end = values.firstIndex { $0 >= 1 } ?? values.count
            let k = Array(0..<end)
            return GrowthShapeSelection(k: k.map(Double.init), y: k.map { values[$0] }).shape
        }
        let signalShape = earlyShape(high.summaries.map { $0.signalMax.max()! })
        let noiseShape = earlyShape(low.summaries.map(\.noiseMaxOwn))
        // Diffusion early growth: mean signed signal inner product over the first 60 steps (linear horizon, see LEM-E.4).
        let d = try TrajectoryCache.shared.diffusion({ () -> DiffusionRunConfiguration in
            var c = DiffusionRunConfiguration(data: Presets.section51Low.data, width: 20, sigma0: 0.001, eta: 0.05, steps: 60, recordEvery: 1,
                                              diffusion: DiffusionTime(t: 0.2), seed: 0)
            c.selectStepSize = false
            return c
        }())
        let drift = d.records.dropFirst().map { record in (0..<20).map { record.products[$0, 0] - d.records[0].products[$0, 0] }.reduce(0, +) / 20 }
        let diffusionShape = GrowthShapeSelection(k: (1...drift.count).map(Double.init), y: drift).shape
        let sweep = try PaperExperiments.ratioSweep(grid: [0.1, 0.3, 0.75, 1.5, 3, 6.75, 15, 30], seeds: [0, 1, 2])
        let fit = LinearFit.powerLaw(x: sweep.map(\.nSNR2), y: sweep.map(\.diffusion))
        report("THM-1.1", "classification early growth: signal \(signalShape), noise \(noiseShape); diffusion early growth \(diffusionShape); diffusion ratio exponent \(fit.slope) ± \(fit.slopeStandardError); classification ratio at 10+: \(sweep.filter { $0.nSNR2 >= 10 }.map(\.classification)), at 0.1: \(sweep[0].classification)")
        #expect(signalShape == .exponential && noiseShape == .exponential)
        #expect(diffusionShape == .linear)
        #expect(sweep.filter { $0.nSNR2 >= 10 }.allSatisfy { $0.classification >= 3 })
        #expect(sweep.filter { $0.nSNR2 <= 0.1 }.allSatisfy { $0.classification <= 1.0 / 3 })
        withKnownIssue("diffusion's stationary ratio is not Theta(n SNR^2) (see THM-3.1)") { #expect(abs(fit.slope - 1) <= 0.2) }
    }

    /// Appendix G: at n SNR^2 = 3 classification learns signal and noise "to about the same scale":
    /// max signal / max noise within [1/3, 3] after 500 steps; at 1.92 noise and at 4.32 signal lead.
    @Test("APP-G / FIG-14 — at n SNR^2 = 3 classification learns both features to the same scale")
    func appendixGIntermediateSNR() throws {
        var lines: [String] = []
        for seed in experimentSeeds {
            let ratios = try Presets.appendixG.map { PaperExperiments.classificationRatio(try PaperExperiments.classification($0, seed: seed, testSampleCount: 0)) }
            lines.append("seed \(seed): " + ratios.map { String(format: "%.3f", $0) }.joined(separator: ", "))
            #expect(ratios[1] >= 1.0 / 3 && ratios[1] <= 3)
            #expect(ratios[0] < ratios[1] && ratios[1] < ratios[2])
        }
        report("APP-G", "max signal / max noise at n SNR^2 = 1.92, 3, 4.32: " + lines.joined(separator: "; "))
    }

    /// Appendix J: classification on diffused inputs alpha x + beta eps (fresh eps every iteration, t = 0.2)
    /// still learns one feature predominantly: at n SNR^2 = 0.75 noise (ratio < 1/3), at 6.75 signal (> 3),
    /// measured against the clean patches after 500 steps.
    @Test("APP-J — classification on noisy inputs still favours one feature")
    func appendixJNoisyInputs() throws {
        var lines: [String] = []
        for preset in Presets.appendixJ {
            let data = try TwoPatchDataset.generate(preset.data, seeds: SeedSequence(seed: 0))
            var g = SeedSequence(seed: 0).generator(.initialization)
            let w0 = try Initialization.gaussian(neurons: 2 * preset.width, dimension: preset.data.dimension, sigma0: preset.sigma0, generator: &g)
            let w = try NoisyInputClassification.train(data: data, initialWeights: w0, eta: preset.eta, steps: preset.steps, time: preset.diffusion, seed: 0)
            let basis = PatchBasis(data, computeGram: false)
            let p = innerProducts(w, basis.rows)
            let m = preset.width
            var signal = 0.0, noise = 0.0
            for row in 0..<(2 * m) {
                signal = max(signal, abs(p[row, row < m ? 0 : 1]))
                for (i, column) in basis.noiseIndex.enumerated() where (row < m ? 1 : -1) == data.labels[i] { noise = max(noise, abs(p[row, column])) }
            }
            lines.append(String(format: "n SNR^2 = %.2f: max signal %.3f, max noise %.3f, ratio %.3f", preset.data.nSNR2, signal, noise, signal / noise))
            if preset.data.nSNR2 < 1 { #expect(signal / noise < 1.0 / 3) } else { #expect(signal / noise > 3) }
        }
        report("APP-J", lines.joined(separator: "; "))
    }
}
