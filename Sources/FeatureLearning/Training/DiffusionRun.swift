/// How a diffusion run is computed.
public enum DiffusionMethod: Sendable, Codable, Hashable {
    /// Gradient descent on the exact expected loss, literally in R^d (O(n m d + m^2 d) per step).
    case exactLiteral
    /// Gradient descent on the exact expected loss in the span of [W^0; data rows]: the gradient is
    /// K W + B rows, so W^k = C^k [W^0; rows] and every inner product follows from the Gram matrix of
    /// [W^0; rows]. Same iterates as `exactLiteral` to rounding (tested); O(m (m + q)^2) per step.
    case exactGram
    /// Gradient descent on the Monte Carlo loss with `noiseSamples` fresh draws per sample, patch and
    /// step (the paper's experiment used 2000). O(noiseSamples n m d) per step.
    case monteCarlo(noiseSamples: Int)
}

/// When a diffusion run counts as stationary: ||grad L_F||_F <= absoluteTolerance and
/// ||grad L_F||_F <= relativeTolerance * (the largest gradient norm seen on the trajectory).
public struct StationarityRule: Sendable, Codable, Hashable {
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    public init(absoluteTolerance: Double = 1e-8, relativeTolerance: Double = 1e-6) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }
}

/// Everything that determines a diffusion trajectory; the cache key of `TrajectoryCache`.
public struct DiffusionRunConfiguration: Sendable, Codable, Hashable {
    public var data: DataConfiguration
    /// Width m.
    public var width: Int
    public var sigma0: Double
    public var eta: Double
    /// The maximal number of steps (the run stops earlier once stationary).
    public var steps: Int
    public var recordEvery: Int
    public var diffusion: DiffusionTime
    public var seed: UInt64
    public var method: DiffusionMethod
    public var stationarity: StationarityRule
    /// Whether `TrajectoryCache` applies the step-size rule of `DiffusionTrainer.runSelectingStepSize`
    /// (false for deliberately truncated runs, e.g. first-stage studies at a fixed eta).
    public var selectStepSize: Bool = true
    /// Whether to stop early with status `diverged` / `oscillating` (off for the JSON `train` command,
    /// which runs exactly the requested steps and fails only on non-finite values).
    public var detectInstability: Bool = true

    public init(data: DataConfiguration, width: Int, sigma0: Double, eta: Double, steps: Int, recordEvery: Int = 10,
                diffusion: DiffusionTime, seed: UInt64, method: DiffusionMethod = .exactGram,
                stationarity: StationarityRule = StationarityRule()) {
        self.data = data
        self.width = width
        self.sigma0 = sigma0
        self.eta = eta
        self.steps = steps
        self.recordEvery = recordEvery
        self.diffusion = diffusion
        self.seed = seed
        self.method = method
        self.stationarity = stationarity
    }

    public func validate() throws {
        try data.validate()
        try require(width >= 1, "m", "m >= 1", width)
        try require(sigma0.isFinite && sigma0 >= 0, "sigma0", "finite and >= 0", sigma0)
        try require(eta.isFinite && eta > 0, "eta", "finite and > 0", eta)
        try require(steps >= 0, "steps", "steps >= 0", steps)
        try require(recordEvery >= 1, "recordEvery", "recordEvery >= 1", recordEvery)
        try require(diffusion.alphaT.isFinite && diffusion.betaT.isFinite, "alpha_t, beta_t", "finite", "\(diffusion.alphaT), \(diffusion.betaT)")
        if case let .monteCarlo(samples) = method { try require(samples >= 2, "noiseSamples", ">= 2", samples) }
    }
}

/// How a diffusion run ended.
public enum DiffusionStatus: String, Sendable, Codable, Hashable {
    /// The stationarity rule was met.
    case stationary
    /// The step budget ran out before the rule was met (the trajectory reports how close it got).
    case stepLimit
    /// The loss rose above 10 max(L_F(W^0), d): the step size is too large.
    case diverged
    /// Over the last 200 steps the loss went up and down without net decrease: the step size is at the
    /// edge of stability.
    case oscillating
}

/// Cheap per-step quantities of a diffusion run.
public struct DiffusionStepSummary: Sendable, Codable, Hashable {
    public var loss: Double
    public var gradientNorm: Double
    /// mean and max over (r, j) of |<w_r, mu_j>| (over the distinct signal patches).
    public var signalMean: Double
    public var signalMax: Double
    /// mean and max over (r, i) of |<w_r, xi_i>|.
    public var noiseMean: Double
    public var noiseMax: Double
    /// mean_r ||w_r||^2.
    public var squaredNormMean: Double
    /// mean over r != r' of <w_r, w_r'>.
    public var crossMean: Double
}

/// Full inner products at a record step.
public struct DiffusionRecord: Sendable {
    public var step: Int
    /// P[r, b] = <w_r, basis row b> (m x q).
    public var products: Matrix
    /// G = W W^T (m x m).
    public var gram: Matrix
    public var loss: Double
    public var gradientNorm: Double
}
