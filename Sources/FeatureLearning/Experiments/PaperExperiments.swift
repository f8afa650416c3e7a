/// The paper's experiments as functions of their presets, every trajectory through `TrajectoryCache`.
public enum PaperExperiments {
    /// Sec 5.1 classification: the preset's d, n, m, sigma0, eta = 0.1, 500 steps, 3000 test samples,
    /// unprojected noise (Sec 5.1) unless `noiseModel` says otherwise.
    public static func classification(_ preset: PaperPreset, seed: UInt64 = 0, noiseModel: NoiseModel = .isotropic,
                                      testSampleCount: Int? = nil, recordEvery: Int = 5) throws -> ClassificationTrajectory {
        try TrajectoryCache.shared.classification(ClassificationRunConfiguration(preset: preset, noiseModel: noiseModel, seed: seed,
                                                                                 recordEvery: recordEvery, testSampleCount: testSampleCount))
    }

    /// Sec 5.1 diffusion at t = 0.2 on the exact expected loss (the paper averaged 2000 noise draws per
    /// step; `DiffusionMethod.monteCarlo` reproduces that), trained to stationarity with the step-size
    /// rule (eta = 0.05, halved on instability).
    public static func diffusion(_ preset: PaperPreset, seed: UInt64 = 0, noiseModel: NoiseModel = .isotropic,
                                 recordEvery: Int = 10, steps: Int = 40_000) throws -> DiffusionTrajectory {
        var data = preset.data
        data.noiseModel = noiseModel
        return try TrajectoryCache.shared.diffusion(DiffusionRunConfiguration(data: data, width: preset.width, sigma0: preset.sigma0, eta: 0.05,
                                                                              steps: steps, recordEvery: recordEvery, diffusion: preset.diffusion, seed: seed))
    }

    /// A Sec 5.1-size preset with the given n SNR^2 (||mu|| = sqrt(n SNR^2 d / n)).
    public static func preset(nSNR2: Double) -> PaperPreset {
        var p = Presets.section51Low
        p.name = "nSNR2=\(nSNR2)"
        p.data.signalNorm = SignalToNoise.signalNorm(nSNR2: nSNR2, sampleCount: p.data.sampleCount, dimension: p.data.dimension, sigmaXi: p.data.sigmaXi)
        return p
    }

    /// Classification's signal-to-noise learning ratio after training:
    /// max_{j,r} |<w_jr, mu_j>| / max_{r,i} |<w_{y_i r}, xi_i>| at the last step.
    public static func classificationRatio(_ t: ClassificationTrajectory) -> Double {
        let s = t.summaries[t.summaries.count - 1]
        return s.signalMax.max()! / s.noiseMaxOwn
    }

    /// Diffusion's ratio at the end of training: mean_{r,j} |<w_r, mu_j>| / mean_{r,i} |<w_r, xi_i>|.
    public static func diffusionRatio(_ t: DiffusionTrajectory) -> Double {
        let s = t.summaries[t.summaries.count - 1]
        return s.signalMean / s.noiseMean
    }

    /// Ratios over a grid of n SNR^2, averaged (geometric mean) over seeds, for both models.
    public static func ratioSweep(grid: [Double], seeds: [UInt64], noiseModel: NoiseModel = .isotropic) throws -> [(nSNR2: Double, classification: Double, diffusion: Double)] {
        let pairs = grid.flatMap { v in seeds.map { (v, $0) } }
        let values = RepeatedTrials.map(pairs.count, seeds: SeedSequence(seed: 0)) { index, _ -> (Double, Double) in
            let preset = Self.preset(nSNR2: pairs[index].0)
            let c = (try? Self.classification(preset, seed: pairs[index].1, noiseModel: noiseModel, testSampleCount: 0, recordEvery: 100)).map(Self.classificationRatio) ?? .nan
            let d = (try? Self.diffusion(preset, seed: pairs[index].1, noiseModel: noiseModel, recordEvery: 1000)).map(Self.diffusionRatio) ?? .nan
            return (c, d)
        }
        return grid.map { v in
            let mine = zip(pairs, values).filter { $0.0.0 == v }.map(\.1)
            func geometric(_ xs: [Double]) -> Double { exp(xs.map { log($0) }.reduce(0, +) / Double(xs.count)) }
            return (v, geometric(mine.map(\.0)), geometric(mine.map(\.1)))
        }
    }
}

import Foundation
