import Foundation

/// A recorded diffusion trajectory.
public struct DiffusionTrajectory: Sendable {
    public var configuration: DiffusionRunConfiguration
    public var data: TwoPatchDataset
    public var basis: PatchBasis
    public var initialWeights: Matrix
    /// summaries[k] describes W^k.
    public var summaries: [DiffusionStepSummary]
    public var records: [DiffusionRecord]
    public var finalWeights: Matrix
    public var status: DiffusionStatus
    /// The largest gradient norm seen (the denominator of the relative stationarity criterion).
    public var peakGradientNorm: Double
    public var trainingSeconds: Double

    /// The final record.
    public var last: DiffusionRecord { records[records.count - 1] }
    /// ||grad|| / peak at the end: how close to stationary the run got.
    public var relativeGradientNorm: Double { last.gradientNorm / peakGradientNorm }
}

/// Gradient descent on the DDPM loss of the diffusion network (Section 2).
public enum DiffusionTrainer {
    public static func run(_ configuration: DiffusionRunConfiguration) throws -> DiffusionTrajectory {
        try configuration.validate()
        let seeds = SeedSequence(seed: configuration.seed)
        let data = try TwoPatchDataset.generate(configuration.data, seeds: seeds)
        var g = seeds.generator(.initialization)
        let w0 = try Initialization.gaussian(neurons: configuration.width, dimension: configuration.data.dimension,
                                             sigma0: configuration.sigma0, generator: &g)
        return try train(data: data, initialWeights: w0, configuration: configuration)
    }

    /// The paper gives no learning rate for diffusion. Rule used throughout: start from
    /// `configuration.eta` and halve it (at most `maximumHalvings` times) while the run ends
    /// `diverged` or `oscillating` (or throws `divergence`), or ends at the step limit with a gradient
    /// still above 1% of its peak (a run bouncing at the edge of stability); the returned trajectory
    /// records the eta that was used. A run that still fails after the last halving is returned with its status (or
    /// its error is rethrown), never silently.
    public static func runSelectingStepSize(_ configuration: DiffusionRunConfiguration, maximumHalvings: Int = 8) throws -> DiffusionTrajectory {
        var attempt = configuration
        var lastError: Error?
        for halving in 0...maximumHalvings {
            do {
                let trajectory = try run(attempt)
                let settled = trajectory.status == .stationary || (trajectory.status == .stepLimit && trajectory.relativeGradientNorm < 0.01)
                if settled || halving == maximumHalvings { return trajectory }
                lastError = nil
            } catch let error as FeatureLearningError {
                if case .divergence = error { lastError = error } else { throw error }
                if halving == maximumHalvings { throw error }
            }
            attempt.eta /= 2
        }
        if let lastError { throw lastError }
        return try run(attempt)
    }

    /// Gradient descent from given weights on given data. Throws `divergence` at a non-finite value.
    public static func train(data: TwoPatchDataset, initialWeights w0: Matrix, configuration: DiffusionRunConfiguration) throws -> DiffusionTrajectory {
        guard w0.columns == data.dimension else {
            throw FeatureLearningError.shapeMismatch(field: "weights", expected: "\(data.dimension) columns", actual: "\(w0.columns) columns")
        }
        guard w0.isFinite else { throw FeatureLearningError.invalidParameter(parameter: "weights", constraint: "all entries finite", value: "non-finite entry") }
        let m = w0.rows, d = data.dimension
        let alpha = configuration.diffusion.alphaT, beta = configuration.diffusion.betaT, eta = configuration.eta
        let basis = PatchBasis(data)
        let q = basis.count
        let pairs = DiffusionLoss.pairs(basis)
        // Span representation for exactGram: Z = [W^0; rows], Gamma = Z Z^T, W = C Z.
        let z = Matrix.stacked([w0, basis.rows])
        let gamma: Matrix? = configuration.method == .exactGram ? innerProducts(z, z) : nil
        var c = Matrix(rows: m, columns: m + q)
        for r in 0..<m { c[r, r] = 1 }
        var w = w0
        var noise = SeedSequence(seed: configuration.seed).generator(.diffusionNoise)
        var summaries: [DiffusionStepSummary] = [], records: [DiffusionRecord] = []
        var peak = 0.0
        var status = DiffusionStatus.stepLimit
        var initialLoss = Double.nan
        let clock = ContinuousClock(), start = clock.now
        var k = 0
        while true {
            let p: Matrix, gramW: Matrix
            if let gamma {
                let cGamma = times(c, gamma)                        // m x (m + q)
                p = columns(cGamma, from: m, count: q)             // C Gamma[:, rows]
                gramW = timesTransposed(cGamma, c)                 // C Gamma C^T
            } else {
                p = innerProducts(w, basis.rows)
                gramW = innerProducts(w, w)
            }
            let e = DiffusionLoss.evaluate(products: p, gram: gramW, pairs: pairs, dimension: d, alpha: alpha, beta: beta)
            var loss = e.loss
            var gradientNorm: Double
            var step: Matrix? = nil // d-dimensional gradient for literal / Monte Carlo
            var coefficientStep: Matrix? = nil
            switch configuration.method {
            case .exactGram:
                var mStep = times(e.directionCoefficients, c)
                for r in 0..<m { for b in 0..<q { mStep.storage[r * (m + q) + m + b] += e.dataCoefficients.storage[r * q + b] } }
                gradientNorm = ClassificationObjective.squaredNorm(coefficients: mStep, gram: gamma!).squareRoot()
                coefficientStep = mStep
            case .exactLiteral:
                let grad = DiffusionLoss.gradient(e, weights: w, rows: basis.rows)
                gradientNorm = grad.squaredFrobeniusNorm.squareRoot()
                step = grad
            case let .monteCarlo(samples):
                let estimate = try DiffusionMonteCarlo.estimate(weights: w, data: data, alpha: alpha, beta: beta, noiseSamples: samples, generator: &noise)
                loss = estimate.loss
                gradientNorm = estimate.gradient.squaredFrobeniusNorm.squareRoot()
                step = estimate.gradient
            }
            guard loss.isFinite, gradientNorm.isFinite else {
                throw FeatureLearningError.divergence(step: k, quantity: loss.isFinite ? "the gradient of L_F" : "the loss L_F")
            }
            if k == 0 { initialLoss = loss }
            peak = max(peak, gradientNorm)
            summaries.append(summarize(p, gramW, basis: basis, loss: loss, gradientNorm: gradientNorm))
            let stationary = gradientNorm <= configuration.stationarity.absoluteTolerance
                && gradientNorm <= configuration.stationarity.relativeTolerance * peak && k > 0
            let diverged = configuration.detectInstability && loss > 10 * max(initialLoss, Double(d))
            let oscillating = configuration.detectInstability && k >= 400 && isOscillating(summaries)
            let done = k == configuration.steps || stationary || diverged || oscillating
            if k % configuration.recordEvery == 0 || done {
                records.append(DiffusionRecord(step: k, products: p, gram: gramW, loss: loss, gradientNorm: gradientNorm))
            }
            if done {
                status = stationary ? .stationary : diverged ? .diverged : oscillating ? .oscillating : .stepLimit
                break
            }
            if let coefficientStep {
                for t in 0..<c.storage.count { c.storage[t] -= eta * coefficientStep.storage[t] }
            } else if let step {
                for t in 0..<w.storage.count { w.storage[t] -= eta * step.storage[t] }
            }
            k += 1
        }
        if configuration.method == .exactGram {
            w = Matrix(rows: m, columns: d)
            addProduct(c, z, into: &w)
        }
        let elapsed = clock.now - start
        return DiffusionTrajectory(configuration: configuration, data: data, basis: basis, initialWeights: w0, summaries: summaries,
                                   records: records, finalWeights: w, status: status, peakGradientNorm: peak,
                                   trainingSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// No net decrease over the last 200 steps while at least 60% of consecutive loss differences
    /// change sign.
    static func isOscillating(_ s: [DiffusionStepSummary]) -> Bool {
        let window = s.suffix(201).map(\.loss)
        guard window.count == 201, window.last! >= window.first! else { return false }
        var changes = 0
        for t in 2..<window.count where (window[t] - window[t - 1]) * (window[t - 1] - window[t - 2]) < 0 { changes += 1 }
        return Double(changes) >= 0.6 * 199
    }

    static func summarize(_ p: Matrix, _ g: Matrix, basis: PatchBasis, loss: Double, gradientNorm: Double) -> DiffusionStepSummary {
        let m = g.rows
        let signalColumns = Array(Set(basis.signalIndex)).sorted()
        var signal: [Double] = [], noise: [Double] = []
        let qq = p.columns, pss = p.storage
        for r in 0..<m {
            for column in signalColumns { signal.append(abs(pss[r * qq + column])) }
            for column in basis.noiseIndex { noise.append(abs(pss[r * qq + column])) }
        }
        var norms = 0.0, cross = 0.0
        let gs = g.storage
        for r in 0..<m {
            norms += gs[r * m + r]
            for s in 0..<m where s != r { cross += gs[r * m + s] }
        }
        return DiffusionStepSummary(loss: loss, gradientNorm: gradientNorm,
                                    signalMean: signal.reduce(0, +) / Double(signal.count), signalMax: signal.max() ?? 0,
                                    noiseMean: noise.reduce(0, +) / Double(noise.count), noiseMax: noise.max() ?? 0,
                                    squaredNormMean: norms / Double(m), crossMean: m > 1 ? cross / Double(m * (m - 1)) : 0)
    }

    /// a b (plain product, a is R x K, b is K x T).
    static func times(_ a: Matrix, _ b: Matrix) -> Matrix {
        var out = Matrix(rows: a.rows, columns: b.columns)
        addMatrixProduct(a, b, into: &out)
        return out
    }

    /// a b^T.
    static func timesTransposed(_ a: Matrix, _ b: Matrix) -> Matrix { innerProducts(a, b) }

    /// Columns from..<from+count of a.
    static func columns(_ a: Matrix, from: Int, count: Int) -> Matrix {
        var storage = [Double]()
        storage.reserveCapacity(a.rows * count)
        for r in 0..<a.rows { storage.append(contentsOf: a.storage[(r * a.columns + from)..<(r * a.columns + from + count)]) }
        return Matrix(rows: a.rows, columns: count, storage: storage)
    }
}
