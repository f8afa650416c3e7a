/// A recorded classification trajectory: per-step summaries, heavy records, and the data it ran on.
public struct ClassificationTrajectory: Sendable {
    public var configuration: ClassificationRunConfiguration
    public var data: TwoPatchDataset
    public var basis: PatchBasis
    public var initialWeights: Matrix
    /// summaries[k] describes W^k, k = 0...steps.
    public var summaries: [ClassificationStepSummary]
    /// Records at k = 0, recordEvery, 2 recordEvery, ..., and steps.
    public var records: [ClassificationRecord]
    /// ||W^k - W*||_F^2 for each reference point W* = W^0 + D rows given to the trainer, k = 0...steps.
    public var referenceDistances: [[Double]]
    /// The coefficients A with W^steps = W^0 + A rows.
    public var finalCoefficients: Matrix
    /// Wall-clock seconds spent in the gradient-descent loop (excluding data and test-set setup).
    public var trainingSeconds: Double

    /// The weights W^steps (O(m q d)).
    public var finalWeights: Matrix {
        var w = initialWeights
        addProduct(finalCoefficients, basis.rows, into: &w)
        return w
    }

    /// The first step k with L_S(W^k) <= threshold, if any.
    public func firstStep(lossBelow threshold: Double) -> Int? { summaries.firstIndex { $0.loss <= threshold } }

    /// The record closest to step k (at or before it).
    public func record(atOrBefore k: Int) -> ClassificationRecord { records.last { $0.step <= k } ?? records[0] }
}

/// Full-batch gradient descent on the logistic loss of the quadratic classifier (Section 2), with
/// the diagnostics of Appendix D recorded along the way.
public enum ClassificationTrainer {
    /// Runs gradient descent from W^0 ~ N(0, sigma0^2 I) on data drawn from `configuration.data`.
    /// Throws `divergence` naming the step when the loss or an inner product becomes non-finite.
    public static func run(_ configuration: ClassificationRunConfiguration, referenceCoefficients: (ClassificationTrajectory.Setup) -> [Matrix] = { _ in [] }) throws -> ClassificationTrajectory {
        try configuration.validate()
        let seeds = SeedSequence(seed: configuration.seed)
        let data = try TwoPatchDataset.generate(configuration.data, seeds: seeds)
        var g = seeds.generator(.initialization)
        let w0 = try Initialization.gaussian(neurons: 2 * configuration.width, dimension: configuration.data.dimension,
                                             sigma0: configuration.sigma0, generator: &g)
        var test: TwoPatchDataset?
        if configuration.testSampleCount > 0 {
            test = try TwoPatchDataset.generate(configuration.data, seeds: seeds, purpose: .testData, sampleCount: configuration.testSampleCount)
        }
        let wantsReferences = configuration.referencePoints
        return try train(data: data, initialWeights: w0, eta: configuration.eta, steps: configuration.steps,
                         recordEvery: configuration.recordEvery, method: configuration.method,
                         recordWeights: configuration.recordWeights, test: test, configuration: configuration,
                         referenceCoefficients: { wantsReferences ? [ReferencePoints.signal($0), ReferencePoints.noise($0)] : referenceCoefficients($0) })
    }

    /// Gradient descent from given weights on given data (also used by the JSON `train` command).
    public static func train(data: TwoPatchDataset, initialWeights w0: Matrix, eta: Double, steps: Int, recordEvery: Int,
                             method: ClassificationMethod = .gram, recordWeights: Bool = false, test: TwoPatchDataset? = nil,
                             configuration: ClassificationRunConfiguration? = nil,
                             referenceCoefficients: (ClassificationTrajectory.Setup) -> [Matrix] = { _ in [] }) throws -> ClassificationTrajectory {
        guard w0.rows % 2 == 0, w0.rows >= 2 else {
            throw FeatureLearningError.shapeMismatch(field: "weights", expected: "2m rows (m >= 1)", actual: "\(w0.rows) rows")
        }
        guard w0.columns == data.dimension else {
            throw FeatureLearningError.shapeMismatch(field: "weights", expected: "\(data.dimension) columns", actual: "\(w0.columns) columns")
        }
        try require(eta.isFinite && eta > 0, "eta", "finite and > 0", eta)
        try require(steps >= 0, "steps", "steps >= 0", steps)
        try require(recordEvery >= 1, "recordEvery", "recordEvery >= 1", recordEvery)
        guard w0.isFinite else { throw FeatureLearningError.invalidParameter(parameter: "weights", constraint: "all entries finite", value: "non-finite entry") }
        let m = w0.rows / 2, n = data.sampleCount
        let basis = PatchBasis(data)
        let q = basis.count
        let labels = data.labels
        var p = innerProducts(w0, basis.rows)
        let setup = ClassificationTrajectory.Setup(basis: basis, initialProducts: p, width: m, labels: labels)
        let references = referenceCoefficients(setup)
        var a = Matrix(rows: 2 * m, columns: q)
        var w = w0
        let noiseNorms = basis.noiseIndex.map { basis.gram[$0, $0] }
        let hasSignals = data.signals != nil
        let classes = [data.classIndices(1), data.classIndices(-1)]
        var rho = Matrix(rows: 2 * m, columns: n), rhoPrinted = rho
        var zeta = Matrix(rows: 2 * m, columns: 2), zetaPrinted = zeta
        // Test-set products: W^k xi_t = W^0 xi_t + A^k (rows xi_t).
        var testInitial: Matrix?, testBasis: Matrix?
        if let test {
            testInitial = innerProducts(w0, test.noisePatches)
            testBasis = innerProducts(basis.rows, test.noisePatches)
        }
        var summaries: [ClassificationStepSummary] = []
        var records: [ClassificationRecord] = []
        var distances = Array(repeating: [Double](), count: references.count)
        summaries.reserveCapacity(steps + 1)
        let clock = ContinuousClock()
        let start = clock.now
        var k = 0
        while true {
            if method == .literal && k > 0 { p = innerProducts(w, basis.rows) }
            let e = ClassificationObjective.evaluate(products: p, basis: basis, labels: labels, width: m)
            guard e.loss.isFinite, p.storage.allSatisfy(\.isFinite) else {
                throw FeatureLearningError.divergence(step: k, quantity: e.loss.isFinite ? "an inner product <w, x>" : "the loss L_S")
            }
            let gradientNormSquared = ClassificationObjective.squaredNorm(coefficients: e.gradientCoefficients, gram: basis.gram)
            summaries.append(summarize(p, e, basis: basis, labels: labels, m: m, gradientNorm: gradientNormSquared.squareRoot()))
            for (index, d) in references.enumerated() {
                var diff = a
                for t in 0..<diff.storage.count { diff.storage[t] -= d.storage[t] }
                distances[index].append(ClassificationObjective.squaredNorm(coefficients: diff, gram: basis.gram))
            }
            if k % recordEvery == 0 || k == steps {
                var testAccuracy: Double?
                if let test, let testInitial, let testBasis {
                    testAccuracy = accuracy(test: test, initial: testInitial, basisProducts: testBasis, coefficients: a, products: p, m: m)
                }
                var snapshot: Matrix?
                if recordWeights {
                    if method == .literal { snapshot = w } else { var x = w0; addProduct(a, basis.rows, into: &x); snapshot = x }
                }
                records.append(ClassificationRecord(step: k, products: p, lossDerivatives: e.lossDerivatives, margins: e.margins,
                                                    rho: rho, rhoPrinted: rhoPrinted, zeta: zeta, zetaPrinted: zetaPrinted,
                                                    testAccuracy: testAccuracy, weights: snapshot))
            }
            if k == steps { break }
            // Lemma D.2's recursions, from l' and the inner products (not from the update itself).
            let stepScale = eta / (Double(n) * Double(m))
            let ps = p.storage
            let classSums = classes.map { $0.reduce(0.0) { $0 + e.lossDerivatives[$1] } }
            for row in 0..<(2 * m) {
                let j = row < m ? 1.0 : -1.0
                for i in 0..<n {
                    let increment = -stepScale * e.lossDerivatives[i] * ps[row * q + basis.noiseIndex[i]] * j * Double(labels[i]) * noiseNorms[i]
                    rho.storage[row * n + i] += 2 * increment
                    rhoPrinted.storage[row * n + i] += increment
                }
                if hasSignals {
                    for column in 0..<2 {
                        let y = column == 0 ? 1.0 : -1.0
                        let increment = -stepScale * j * y * classSums[column] * ps[row * q + column]
                        zeta.storage[row * 2 + column] += 2 * increment
                        zetaPrinted.storage[row * 2 + column] += increment
                    }
                }
            }
            // The gradient step.
            let c = e.gradientCoefficients
            for t in 0..<a.storage.count { a.storage[t] -= eta * c.storage[t] }
            switch method {
            case .literal:
                var step = c
                for t in 0..<step.storage.count { step.storage[t] *= -eta }
                addProduct(step, basis.rows, into: &w)
            case .gram:
                var step = c
                for t in 0..<step.storage.count { step.storage[t] *= -eta }
                addMatrixProduct(step, basis.gram, into: &p)
            }
            k += 1
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let resolved = configuration ?? ClassificationRunConfiguration(
            data: DataConfiguration(dimension: data.dimension, sampleCount: n, signalNorm: 1), width: m, sigma0: 0, eta: eta,
            steps: steps, recordEvery: recordEvery, seed: 0, method: method)
        return ClassificationTrajectory(configuration: resolved, data: data, basis: basis, initialWeights: w0, summaries: summaries,
                                        records: records, referenceDistances: distances, finalCoefficients: a, trainingSeconds: seconds)
    }

    static func summarize(_ p: Matrix, _ e: ClassificationEvaluation, basis: PatchBasis, labels: [Int], m: Int,
                          gradientNorm: Double) -> ClassificationStepSummary {
        let n = labels.count
        let ps = p.storage, q = p.columns
        var signalMax = [0.0, 0.0], signalMean = [0.0, 0.0], signalMaxAll = 0.0
        // Signal products: use the signal patch of the first sample of each class (all equal under the model).
        let firstOfClass = [labels.firstIndex(of: 1), labels.firstIndex(of: -1)]
        for (gi, j) in [1, -1].enumerated() {
            for (yi, _) in [1, -1].enumerated() {
                guard let sample = firstOfClass[yi] else { continue }
                let column = basis.signalIndex[sample]
                for r in 0..<m {
                    let value = abs(ps[(j == 1 ? r : m + r) * q + column])
                    signalMaxAll = max(signalMaxAll, value)
                    if gi == yi {
                        signalMax[gi] = max(signalMax[gi], value)
                        signalMean[gi] += value / Double(m)
                    }
                }
            }
        }
        var noiseMaxOwnMin = Double.infinity, noiseMeanOwnMin = Double.infinity, noiseMaxAll = 0.0, noiseMaxOwn = 0.0
        for i in 0..<n {
            let column = basis.noiseIndex[i]
            var own = 0.0, ownMean = 0.0
            for row in 0..<(2 * m) {
                let value = abs(ps[row * q + column])
                noiseMaxAll = max(noiseMaxAll, value)
                if (row < m ? 1 : -1) == labels[i] {
                    own = max(own, value)
                    ownMean += value / Double(m)
                }
            }
            noiseMaxOwnMin = min(noiseMaxOwnMin, own)
            noiseMaxOwn = max(noiseMaxOwn, own)
            noiseMeanOwnMin = min(noiseMeanOwnMin, ownMean)
        }
        let absDerivatives = e.lossDerivatives.map(abs)
        return ClassificationStepSummary(loss: e.loss, gradientNorm: gradientNorm, signalMax: signalMax, signalMean: signalMean,
                                         signalMaxAll: signalMaxAll, noiseMaxOwnMin: noiseMaxOwnMin, noiseMeanOwnMin: noiseMeanOwnMin,
                                         noiseMaxAll: noiseMaxAll, noiseMaxOwn: noiseMaxOwn, minAbsLossDerivative: absDerivatives.min() ?? 0,
                                         maxAbsLossDerivative: absDerivatives.max() ?? 0, trainAccuracy: e.accuracy)
    }

    /// Test accuracy from W^k xi_t = W^0 xi_t + A (rows xi_t) and the signal products <w, mu_y> in P.
    static func accuracy(test: TwoPatchDataset, initial: Matrix, basisProducts: Matrix, coefficients a: Matrix, products p: Matrix, m: Int) -> Double {
        var noise = initial
        addMatrixProduct(a, basisProducts, into: &noise)
        var correct = 0
        for t in 0..<test.sampleCount {
            let column = test.labels[t] == 1 ? 0 : 1 // basis rows 0, 1 are mu_1, mu_-1 for generated data
            var f = 0.0
            for row in 0..<(2 * m) {
                let s = p[row, column], x = noise[row, t]
                f += (row < m ? 1 : -1) * (s * s + x * x)
            }
            if Double(test.labels[t]) * f > 0 { correct += 1 }
        }
        return Double(correct) / Double(test.sampleCount)
    }
}

extension ClassificationTrajectory {
    /// What a reference-point builder may use: the basis, the initial inner products, m and the labels.
    public struct Setup: Sendable {
        public var basis: PatchBasis
        public var initialProducts: Matrix
        public var width: Int
        public var labels: [Int]
    }
}
