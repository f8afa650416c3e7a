import Foundation

/// The noise schedule at diffusion time t used throughout the paper: alpha_t = exp(-t),
/// beta_t = sqrt(1 - exp(-2t)) (Section 5.1; t = 0.2 gives 0.82, 0.57; t = 0.8 gives 0.45, 0.89).
public struct DiffusionTime: Sendable, Codable, Hashable {
    public var alphaT: Double
    public var betaT: Double

    /// alpha_t = exp(-t), beta_t = sqrt(1 - exp(-2 t)).
    public init(t: Double) {
        alphaT = exp(-t)
        betaT = (1 - exp(-2 * t)).squareRoot()
    }
    /// Explicit coefficients (e.g. the rounded 0.82, 0.57 of the evaluate JSON).
    public init(alphaT: Double, betaT: Double) {
        self.alphaT = alphaT
        self.betaT = betaT
    }
}

/// One parameter set the paper uses, with everything needed to rerun it.
public struct PaperPreset: Sendable, Codable, Hashable {
    public var name: String
    /// Where in the paper the values come from.
    public var source: String
    public var data: DataConfiguration
    /// Network width m.
    public var width: Int
    /// Initialization scale sigma_0.
    public var sigma0: Double
    /// Classification learning rate eta (the paper gives none for diffusion).
    public var eta: Double
    /// Gradient-descent iterations.
    public var steps: Int
    /// Size of the fresh test set.
    public var testSampleCount: Int
    public var diffusion: DiffusionTime
    /// Monte Carlo noise draws per sample and step in the paper's diffusion training.
    public var noiseSamplesPerStep: Int
}

/// Every parameter set of the paper. Synthetic sets have sigma_xi = 1 and axis signals.
public enum Presets {
    static func synthetic(_ name: String, _ source: String, mu: Double, noise: NoiseModel = .isotropic) -> PaperPreset {
        PaperPreset(name: name, source: source,
                    data: DataConfiguration(dimension: 1000, sampleCount: 30, signalNorm: mu, sigmaXi: 1, noiseModel: noise, signalBasis: .axes),
                    width: 20, sigma0: 0.001, eta: 0.1, steps: 500, testSampleCount: 3000,
                    diffusion: DiffusionTime(t: 0.2), noiseSamplesPerStep: 2000)
    }

    /// Section 5.1 low SNR: d = 1000, n = 30, m = 20, sigma0 = 0.001, mu = 5 (n SNR^2 = 0.75).
    public static let section51Low = synthetic("sec5.1-low", "Sec 5.1, Fig 2-3 (mu = 5)", mu: 5)
    /// Section 5.1 high SNR: mu = 15 (n SNR^2 = 6.75).
    public static let section51High = synthetic("sec5.1-high", "Sec 5.1, Fig 2-3 (mu = 15)", mu: 15)
    /// Appendix G: n SNR^2 = 1.92, 3, 4.32 (mu = 8, 10, 12).
    public static let appendixG: [PaperPreset] = [
        synthetic("appG-1.92", "App G, Fig 14 (n SNR^2 = 1.92)", mu: 8),
        synthetic("appG-3", "App G, Fig 14 (n SNR^2 = 3)", mu: 10),
        synthetic("appG-4.32", "App G, Fig 14 (n SNR^2 = 4.32)", mu: 12),
    ]
    /// Appendix J: classification on alpha x + beta eps inputs, Sec 5.1 sizes and t = 0.2.
    public static let appendixJ: [PaperPreset] = [
        synthetic("appJ-low", "App J (mu = 5, noisy inputs)", mu: 5),
        synthetic("appJ-high", "App J (mu = 15, noisy inputs)", mu: 15),
    ]

    /// Section 5.2 / App B / App I real-image settings: 28 x 28 patches (d = 784), n = 100, m = 100,
    /// sigma0 = 0.01, signal scale in {0.1, 0.5}, t in {0.2, 0.8}. The signal norm depends on the
    /// images; `typicalImageNorm` (about 9.3 for MNIST-like digits scaled to [0, 1]) gives a nominal
    /// ||mu|| for the Condition 3.1 report.
    public static func realImage(signalScale: Double, t: Double, typicalImageNorm: Double = 9.3) -> PaperPreset {
        PaperPreset(name: "sec5.2-snr\(signalScale)-t\(t)", source: t == 0.2 ? "Sec 5.2 / App B.1" : "App B.2 (t = 0.8)",
                    data: DataConfiguration(dimension: 784, sampleCount: 100, signalNorm: signalScale * typicalImageNorm, sigmaXi: 1,
                                            noiseModel: .isotropic, signalBasis: .axes),
                    width: 100, sigma0: 0.01, eta: 0.1, steps: 500, testSampleCount: 1000,
                    diffusion: DiffusionTime(t: t), noiseSamplesPerStep: 2000)
    }

    /// Every preset, for reports.
    public static var all: [PaperPreset] {
        [section51Low, section51High] + appendixG + appendixJ
            + [realImage(signalScale: 0.1, t: 0.2), realImage(signalScale: 0.5, t: 0.2),
               realImage(signalScale: 0.1, t: 0.8), realImage(signalScale: 0.5, t: 0.8)]
    }
}
