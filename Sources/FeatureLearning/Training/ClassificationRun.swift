/// How a classification run is computed. Both give the same iterates in exact arithmetic.
public enum ClassificationMethod: String, Sendable, Codable, Hashable {
    /// Literal full-batch gradient descent in R^d: P = W rows^T each step, W <- W - eta C rows.
    /// Cost O(m (n + 2) d) per step.
    case literal
    /// Exact gradient descent in the data span: the gradient is C rows, so the inner products evolve as
    /// P <- P - eta C G (G = rows rows^T) and W^k = W^0 + A^k rows with A <- A - eta C.
    /// Cost O(m (n + 2)^2) per step; agrees with `literal` to rounding (tested).
    case gram
}

/// Everything that determines a classification trajectory; the cache key of `TrajectoryCache`.
public struct ClassificationRunConfiguration: Sendable, Codable, Hashable {
    public var data: DataConfiguration
    /// Width m (neurons per group).
    public var width: Int
    public var sigma0: Double
    public var eta: Double
    public var steps: Int
    /// Heavy records (all inner products, rho, zeta) every `recordEvery` steps, and at the last step.
    public var recordEvery: Int
    /// Size of the fresh test set (0 for none).
    public var testSampleCount: Int
    /// The experiment seed: data, initialization and test set come from its substreams.
    public var seed: UInt64
    public var method: ClassificationMethod
    /// Keep W^k at record steps (memory 2 m d doubles per record).
    public var recordWeights: Bool
    /// Record ||W^k - W*||^2 at every step for the two reference points of Sections D.3.2 and D.4.2
    /// (epsilon = 0.1): referenceDistances[0] is the signal point, [1] the noise point.
    public var referencePoints: Bool = false

    public init(data: DataConfiguration, width: Int, sigma0: Double, eta: Double, steps: Int, recordEvery: Int = 10,
                testSampleCount: Int = 0, seed: UInt64, method: ClassificationMethod = .gram, recordWeights: Bool = false) {
        self.data = data
        self.width = width
        self.sigma0 = sigma0
        self.eta = eta
        self.steps = steps
        self.recordEvery = recordEvery
        self.testSampleCount = testSampleCount
        self.seed = seed
        self.method = method
        self.recordWeights = recordWeights
    }

    /// The configuration of a paper preset (its d, n, mu, m, sigma0, eta, steps, test size).
    public init(preset: PaperPreset, noiseModel: NoiseModel? = nil, seed: UInt64, recordEvery: Int = 10,
                testSampleCount: Int? = nil, method: ClassificationMethod = .gram) {
        var data = preset.data
        if let noiseModel { data.noiseModel = noiseModel }
        self.init(data: data, width: preset.width, sigma0: preset.sigma0, eta: preset.eta, steps: preset.steps,
                  recordEvery: recordEvery, testSampleCount: testSampleCount ?? preset.testSampleCount, seed: seed, method: method)
    }

    /// Checks m >= 1, finite sigma0 >= 0, finite eta > 0, steps >= 0, recordEvery >= 1, test size >= 0.
    public func validate() throws {
        try data.validate()
        try require(width >= 1, "m", "m >= 1", width)
        try require(sigma0.isFinite && sigma0 >= 0, "sigma0", "finite and >= 0", sigma0)
        try require(eta.isFinite && eta > 0, "eta", "finite and > 0", eta)
        try require(steps >= 0, "steps", "steps >= 0", steps)
        try require(recordEvery >= 1, "recordEvery", "recordEvery >= 1", recordEvery)
        try require(testSampleCount >= 0, "testSampleCount", ">= 0", testSampleCount)
    }
}

/// The per-step quantities the proofs talk about (cheap, recorded at every step).
public struct ClassificationStepSummary: Sendable, Codable, Hashable {
    public var loss: Double
    /// ||grad L_S(W^k)||_F.
    public var gradientNorm: Double
    /// max_r |<w_jr, mu_j>| for j = +1, -1.
    public var signalMax: [Double]
    /// mean_r |<w_jr, mu_j>| for j = +1, -1.
    public var signalMean: [Double]
    /// max_{j,r,y} |<w_jr, mu_y>| (signal learning of any kind).
    public var signalMaxAll: Double
    /// min_i max_r |<w_{y_i, r}, xi_i>| (every sample memorized at least this much).
    public var noiseMaxOwnMin: Double
    /// min_i mean_r |<w_{y_i, r}, xi_i>|.
    public var noiseMeanOwnMin: Double
    /// max_{j,r,i} |<w_jr, xi_i>|.
    public var noiseMaxAll: Double
    /// max_{r,i} |<w_{y_i r}, xi_i>| (memorization by the sample's own group).
    public var noiseMaxOwn: Double
    /// min_i |l'_i| and max_i |l'_i|.
    public var minAbsLossDerivative: Double
    public var maxAbsLossDerivative: Double
    public var trainAccuracy: Double
}

/// A heavy record: every inner product and both versions of the Lemma D.2 coefficients.
public struct ClassificationRecord: Sendable {
    public var step: Int
    /// P[jr, b] = <w_jr, basis row b> (2m x q).
    public var products: Matrix
    public var lossDerivatives: [Double]
    public var margins: [Double]
    /// rho_{j,r,i} by Lemma D.2's recursion with the true step factor 2 eta / (n m) (2m x n).
    public var rho: Matrix
    /// rho by the recursion exactly as printed, factor eta / (n m).
    public var rhoPrinted: Matrix
    /// zeta_{j,r,y} (coefficient of mu_y), column 0 for y = 1, column 1 for y = -1; true factor.
    public var zeta: Matrix
    /// zeta by the printed recursion.
    public var zetaPrinted: Matrix
    /// Accuracy on the fresh test set (nil without one).
    public var testAccuracy: Double?
    /// W^k when `recordWeights`.
    public var weights: Matrix?
}
