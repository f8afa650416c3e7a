import Foundation
import Testing
@testable import FeatureLearning

/// NET-CLS and LOSS-CLS: the network, the logistic loss and the analytic gradient.
@Suite("Classifier and logistic loss (Section 2)")
struct ClassifierModelTests {
    static func randomWeights(m: Int, d: Int, seed: UInt64, scale: Double = 0.5) -> Matrix {
        var g = Xoshiro256StarStar(seed: seed)
        return try! Initialization.gaussian(neurons: 2 * m, dimension: d, sigma0: scale, generator: &g)
    }

    /// f = F_1 - F_-1 with F_j = (1/m) sum_r <w_jr, x1>^2 + <w_jr, x2>^2, written out with explicit
    /// loops here (independent of the library's inner-product kernel).
    @Test("NET-CLS — f(W, x) = F_1 - F_-1 matches a direct evaluation; swapping the groups negates f")
    func netClsMatchesDefinition() throws {
        let m = 3, d = 5
        let w = Self.randomWeights(m: m, d: d, seed: 1)
        var g = Xoshiro256StarStar(seed: 2)
        let x1 = Matrix(rows: 4, columns: d, storage: (0..<(4 * d)).map { _ in g.nextStandardNormal() })
        let x2 = Matrix(rows: 4, columns: d, storage: (0..<(4 * d)).map { _ in g.nextStandardNormal() })
        let f = QuadraticClassifier.outputs(weights: w, signalPatches: x1, noisePatches: x2)
        for i in 0..<4 {
            var expected = 0.0
            for row in 0..<(2 * m) {
                var a = 0.0, b = 0.0
                for k in 0..<d { a += w.storage[row * d + k] * x1.storage[i * d + k]; b += w.storage[row * d + k] * x2.storage[i * d + k] }
                expected += (row < m ? 1 : -1) * (a * a + b * b) / Double(m)
            }
            #expect(abs(f[i] - expected) <= 1e-13 * max(1, abs(expected)))
        }
        let swapped = Matrix.stacked([w.rows(m..<(2 * m)), w.rows(0..<m)])
        let g2 = QuadraticClassifier.outputs(weights: swapped, signalPatches: x1, noisePatches: x2)
        #expect(zip(f, g2).allSatisfy { abs($0 + $1) <= 1e-13 * max(1, abs($0)) })
    }

    /// l(z) = log(1 + e^-z) and l'(z) = -1/(1 + e^z): against the naive formulas where those are
    /// accurate (|z| <= 30), and finite and correctly rounded at |z| = 1e4, where the naive formulas
    /// overflow or lose all digits.
    @Test("LOSS-CLS — the logistic loss and its derivative are accurate for every margin, including |z| = 1e4")
    func lossClsStable() {
        for z in stride(from: -30.0, through: 30, by: 0.37) {
            let naiveLoss = log(1 + exp(-z)), naiveDerivative = -1 / (1 + exp(z))
            #expect(abs(Logistic.loss(z) - naiveLoss) <= 4e-16 * max(1, naiveLoss) + 1e-300)
            #expect(abs(Logistic.derivative(z) - naiveDerivative) <= 4e-16 * abs(naiveDerivative) + 1e-300)
        }
        // e^-1e4 underflows to 0, so the correctly rounded values are exact:
        #expect(Logistic.loss(1e4) == 0 && Logistic.loss(-1e4) == 1e4)
        #expect(Logistic.derivative(1e4) == 0 && Logistic.derivative(-1e4) == -1)
        #expect([1e4, -1e4, 700, -700, 800].allSatisfy { Logistic.loss($0).isFinite && Logistic.derivative($0).isFinite })
        // At z = 40 the naive 1 + e^-z rounds to 1 (loss 0) while the true loss is e^-40 = 4.25e-18.
        #expect(abs(Logistic.loss(40) - exp(-40.0)) <= 1e-16 * exp(-40.0) * 4)
        // l' is the derivative of l: central difference with h = 1e-5 (truncation h^2 |l'''| / 6 < 2e-12,
        // rounding 1e-16 / h = 1e-11), tolerance 1e-9.
        for z in [-5.0, -0.3, 0, 0.7, 4] {
            let h = 1e-5
            #expect(abs((Logistic.loss(z + h) - Logistic.loss(z - h)) / (2 * h) - Logistic.derivative(z)) < 1e-9)
        }
    }

    @Test("LOSS-CLS — L_S is the mean of l(y_i f(W, x_i))")
    func lossIsMeanOfLogistic() throws {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: 30, sampleCount: 7, signalNorm: 2), seeds: SeedSequence(seed: 3))
        let w = Self.randomWeights(m: 4, d: 30, seed: 4, scale: 0.2)
        let f = QuadraticClassifier.outputs(weights: w, signalPatches: data.signalPatches, noisePatches: data.noisePatches)
        let expected = zip(f, data.labels).map { log(1 + exp(-Double($1) * $0)) }.reduce(0, +) / 7
        #expect(abs(ClassificationObjective.loss(weights: w, data: data) - expected) <= 1e-14)
    }

    /// Central differences in Double with h = 1e-6 relative to the entry scale: truncation error
    /// h^2 |d^3 L| / 6 ~ 1e-12 and rounding eps |L| / h ~ 1e-10 are both far below the tolerance
    /// rtol = 1e-5 (100x tighter than torch.autograd.gradcheck's default rtol 1e-3) plus atol 1e-10.
    @Test("LOSS-CLS — the analytic gradient equals central differences, every entry at small sizes",
          arguments: [NoiseModel.projected, .isotropic])
    func gradientMatchesFiniteDifferences(noise: NoiseModel) throws {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: 12, sampleCount: 6, signalNorm: 3, noiseModel: noise), seeds: SeedSequence(seed: 5))
        let w = Self.randomWeights(m: 3, d: 12, seed: 6, scale: 0.4)
        let (_, gradient) = ClassificationObjective.lossAndGradient(weights: w, data: data)
        let worst = GradientCheck.worstScaledError(at: w, analytic: gradient, step: 1e-6, relativeTolerance: 1e-5, absoluteTolerance: 1e-10) {
            ClassificationObjective.loss(weights: $0, data: data)
        }
        report("LOSS-CLS", "worst |numeric - analytic| / (1e-10 + 1e-5 |analytic|) = \(worst)")
        #expect(worst <= 1)
    }

    /// At the paper's size (d = 1000, n = 30, m = 20) along 20 random directions V: the directional
    /// derivative <grad L, V> against (L(W + hV) - L(W - hV)) / 2h with ||V|| = 1, h = 1e-4 ||W||.
    @Test("LOSS-CLS — the gradient matches directional central differences at the paper's size")
    func gradientMatchesDirectionalDifferences() throws {
        let data = try TwoPatchDataset.generate(Presets.section51High.data, seeds: SeedSequence(seed: 7))
        let w = Self.randomWeights(m: 20, d: 1000, seed: 8, scale: 0.02)
        let (_, gradient) = ClassificationObjective.lossAndGradient(weights: w, data: data)
        var g = Xoshiro256StarStar(seed: 9)
        var worst = 0.0
        for _ in 0..<20 {
            var v = Matrix(rows: w.rows, columns: w.columns, storage: (0..<w.storage.count).map { _ in g.nextStandardNormal() })
            let norm = v.squaredFrobeniusNorm.squareRoot()
            for t in 0..<v.storage.count { v.storage[t] /= norm }
            let h = 1e-4 * w.squaredFrobeniusNorm.squareRoot()
            var plus = w, minus = w
            for t in 0..<w.storage.count { plus.storage[t] += h * v.storage[t]; minus.storage[t] -= h * v.storage[t] }
            let numeric = (ClassificationObjective.loss(weights: plus, data: data) - ClassificationObjective.loss(weights: minus, data: data)) / (2 * h)
            let analytic = zip(gradient.storage, v.storage).reduce(0) { $0 + $1.0 * $1.1 }
            worst = max(worst, abs(numeric - analytic) / (1e-10 + 1e-5 * abs(analytic)))
        }
        report("LOSS-CLS", "paper size, 20 directions: worst scaled error \(worst)")
        #expect(worst <= 1)
    }

    @Test("Training rejects bad input with typed errors and stops with a typed error on divergence")
    func trainerErrors() throws {
        let data = try TwoPatchDataset.generate(DataConfiguration(dimension: 10, sampleCount: 4, signalNorm: 50), seeds: SeedSequence(seed: 1))
        let w = Self.randomWeights(m: 2, d: 10, seed: 2, scale: 1)
        #expect(throws: FeatureLearningError.self) { try ClassificationTrainer.train(data: data, initialWeights: w.rows(0..<3), eta: 0.1, steps: 1, recordEvery: 1) }
        #expect(throws: FeatureLearningError.self) { try ClassificationTrainer.train(data: data, initialWeights: w, eta: -1, steps: 1, recordEvery: 1) }
        #expect(throws: FeatureLearningError.self) { try ClassificationTrainer.train(data: data, initialWeights: w, eta: 0.1, steps: -1, recordEvery: 1) }
        // A huge step on a large signal overflows: the trainer names the step instead of returning NaN.
        #expect {
            try ClassificationTrainer.train(data: data, initialWeights: w, eta: 1e6, steps: 50, recordEvery: 10, method: .literal)
        } throws: { error in
            guard case let .divergence(step, _) = error as? FeatureLearningError else { return false }
            return step > 0
        }
    }
}
