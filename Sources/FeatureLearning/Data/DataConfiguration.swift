/// How the noise patch is drawn.
public enum NoiseModel: String, Sendable, Codable, Hashable {
    /// Definition 2.1: xi ~ N(0, sigma_xi^2 (I - P_mu1 - P_mu-1)), exactly orthogonal to both signals.
    case projected
    /// Section 5.1's experiment: xi ~ N(0, sigma_xi^2 I_d), not projected.
    case isotropic
}

/// How the two orthogonal signal directions are chosen.
public enum SignalBasis: String, Sendable, Codable, Hashable {
    /// mu_1 = ||mu|| e_1, mu_-1 = ||mu|| e_2 (Section 5.1).
    case axes
    /// Two random orthonormal directions (Gram–Schmidt on two Gaussian vectors), scaled to ||mu||.
    case randomOrthogonal
}

/// The parameters of the two-patch data model (Definition 2.1 and its Section 5.1 variant).
public struct DataConfiguration: Sendable, Codable, Hashable {
    /// The patch dimension d.
    public var dimension: Int
    /// The training sample size n.
    public var sampleCount: Int
    /// The signal norm ||mu|| = ||mu_1|| = ||mu_-1||.
    public var signalNorm: Double
    /// The noise scale sigma_xi.
    public var sigmaXi: Double
    public var noiseModel: NoiseModel
    public var signalBasis: SignalBasis

    public init(dimension: Int, sampleCount: Int, signalNorm: Double, sigmaXi: Double = 1,
                noiseModel: NoiseModel = .projected, signalBasis: SignalBasis = .axes) {
        self.dimension = dimension
        self.sampleCount = sampleCount
        self.signalNorm = signalNorm
        self.sigmaXi = sigmaXi
        self.noiseModel = noiseModel
        self.signalBasis = signalBasis
    }

    /// A configuration whose ||mu|| gives the requested n SNR^2:
    /// ||mu|| = sigma_xi sqrt(d) sqrt(nSNR2 / n).
    public init(dimension: Int, sampleCount: Int, nSNR2: Double, sigmaXi: Double = 1,
                noiseModel: NoiseModel = .projected, signalBasis: SignalBasis = .axes) {
        self.init(dimension: dimension, sampleCount: sampleCount,
                  signalNorm: SignalToNoise.signalNorm(nSNR2: nSNR2, sampleCount: sampleCount, dimension: dimension, sigmaXi: sigmaXi),
                  sigmaXi: sigmaXi, noiseModel: noiseModel, signalBasis: signalBasis)
    }

    /// SNR = ||mu|| / (sigma_xi sqrt d).
    public var snr: Double { SignalToNoise.snr(signalNorm: signalNorm, sigmaXi: sigmaXi, dimension: dimension) }
    /// n SNR^2, the quantity that decides the regimes of Theorems 3.1 and 3.2.
    public var nSNR2: Double { Double(sampleCount) * snr * snr }

    /// Checks d >= 2 (two orthogonal signals need two dimensions; the projected model needs d >= 3
    /// so that the noise is not identically zero), n >= 1, finite positive ||mu|| and sigma_xi.
    public func validate() throws {
        let minimumDimension = noiseModel == .projected ? 3 : 2
        try require(dimension >= minimumDimension, "d", "d >= \(minimumDimension) (two orthogonal signals\(noiseModel == .projected ? " plus a non-trivial noise space" : ""))", dimension)
        try require(sampleCount >= 1, "n", "n >= 1", sampleCount)
        try require(signalNorm.isFinite && signalNorm > 0, "||mu||", "finite and > 0", signalNorm)
        try require(sigmaXi.isFinite && sigmaXi > 0, "sigma_xi", "finite and > 0", sigmaXi)
    }
}

/// Signal-to-noise helpers (notation of Theorem 1.1: SNR = ||mu|| / (sigma_xi sqrt d)).
public enum SignalToNoise {
    /// SNR = ||mu|| / (sigma_xi sqrt d).
    public static func snr(signalNorm: Double, sigmaXi: Double, dimension: Int) -> Double {
        signalNorm / (sigmaXi * Double(dimension).squareRoot())
    }
    /// n SNR^2.
    public static func nSNR2(signalNorm: Double, sigmaXi: Double, dimension: Int, sampleCount: Int) -> Double {
        let s = snr(signalNorm: signalNorm, sigmaXi: sigmaXi, dimension: dimension)
        return Double(sampleCount) * s * s
    }
    /// The ||mu|| with the given n SNR^2: sigma_xi sqrt(d nSNR2 / n).
    public static func signalNorm(nSNR2: Double, sampleCount: Int, dimension: Int, sigmaXi: Double) -> Double {
        sigmaXi * (Double(dimension) * nSNR2 / Double(sampleCount)).squareRoot()
    }
}
