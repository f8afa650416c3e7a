import Foundation
import Testing
@testable import FeatureLearning

/// EQ-1, EQ-2 and LEM-D.2: the printed update rules against the real gradient-descent step.
@Suite("Update identities (eqs. (1)-(2), Lemma D.2)", .tags(.identity))
struct UpdateIdentityTests {
    /// One literal run with every step recorded, with W^k kept: Definition 2.1 data, the Sec 5.1
    /// sizes at mu = 15, 60 steps (enough for the loss derivatives to move away from -1/2).
    static func literalRun(noise: NoiseModel = .projected, mu: Double = 15) throws -> ClassificationTrajectory {
        var c = ClassificationRunConfiguration(data: DataConfiguration(dimension: 1000, sampleCount: 30, signalNorm: mu, noiseModel: noise),
                                               width: 20, sigma0: 0.001, eta: 0.1, steps: 60, recordEvery: 1, seed: 42, method: .literal)
        c.recordWeights = true
        return try TrajectoryCache.shared.classification(c)
    }

    /// Eq. (1) as printed: <w^{k+1}, mu_y> = (1 - (eta / (n m)) j y ||mu||^2 sum_{i in S_y} l'_i) <w^k, mu_y>
    /// (eq. (1) writes |S_y| l'_i for the sum; App D writes the sum). `factor` 2 is the true step.
    static func eq1Prediction(_ t: ClassificationTrajectory, step k: Int, factor: Double) -> Matrix {
        let record = t.records[k], m = t.configuration.width, n = t.data.sampleCount
        let muSquared = t.basis.gram[0, 0]
        var out = Matrix(rows: 2 * m, columns: 2)
        for row in 0..<(2 * m) {
            let j = Double(QuadraticClassifier.group(ofRow: row, width: m))
            for (column, y) in [1, -1].enumerated() {
                let sum = t.data.classIndices(y).reduce(0.0) { $0 + record.lossDerivatives[$1] }
                out[row, column] = (1 - factor * t.configuration.eta / Double(n * m) * j * Double(y) * muSquared * sum) * record.products[row, column]
            }
        }
        return out
    }

    /// Eq. (2) as printed (with `factor` 1), or with the true factor 2.
    static func eq2Prediction(_ t: ClassificationTrajectory, step k: Int, factor: Double) -> Matrix {
        let record = t.records[k], m = t.configuration.width, n = t.data.sampleCount
        let scale = factor * t.configuration.eta / Double(n * m)
        var out = Matrix(rows: 2 * m, columns: n)
        for row in 0..<(2 * m) {
            let j = Double(QuadraticClassifier.group(ofRow: row, width: m))
            for i in 0..<n {
                let column = t.basis.noiseIndex[i]
                var value = record.products[row, column]
                for i2 in 0..<n {
                    let column2 = t.basis.noiseIndex[i2]
                    value -= scale * record.lossDerivatives[i2] * record.products[row, column2] * j * Double(t.data.labels[i2]) * t.basis.gram[column2, column]
                }
                out[row, i] = value
            }
        }
        return out
    }

    /// The worst relative error of eq. (1) with the given step factor over the 60 recorded steps.
    static func eq1WorstError(_ t: ClassificationTrajectory, factor: Double) -> Double {
        var worst = 0.0
        for k in 0..<60 {
            let actual = t.records[k + 1].products
            let values = (0..<actual.rows).flatMap { [actual[$0, 0], actual[$0, 1]] }
            worst = max(worst, relativeError(eq1Prediction(t, step: k, factor: factor), values))
        }
        return worst
    }

    /// The largest |predicted - actual| relative to the scale of the actual inner products.
    static func relativeError(_ predicted: Matrix, _ actual: [Double]) -> Double {
        let scale = actual.map(abs).max()!
        return zip(predicted.storage, actual).map { abs($0 - $1) }.max()! / scale
    }

    /// Rounding budget: an inner product of length d = 1000 carries ~d u relative error (u = 1.1e-16),
    /// and the literal step adds another such error per step; 1e-11 is ~100x that budget.
    static let identityTolerance = 1e-11

    @Test("EQ-1 — the signal update as printed (factor eta/(nm)) does not match the GD step", .tags(.erratum))
    func eq1AsPrinted() throws {
        let worst = Self.eq1WorstError(try Self.literalRun(), factor: 1)
        report("EQ-1", "printed rule: worst relative error \(worst)")
        withKnownIssue("the printed update omits the factor 2 of d<w,x>^2/dw") { #expect(worst <= Self.identityTolerance) }
    }

    @Test("EQ-1 — with the step factor 2 eta/(nm) the signal update is exact under Definition 2.1")
    func eq1Corrected() throws {
        let worst = Self.eq1WorstError(try Self.literalRun(), factor: 2)
        report("EQ-1", "corrected rule: worst relative error \(worst)")
        #expect(worst <= Self.identityTolerance)
    }

    /// Under Sec 5.1's unprojected noise the signal update picks up <xi_i, mu_y> cross terms, so even
    /// the corrected eq. (1) is only approximate there (it is stated for Definition 2.1 data).
    @Test("EQ-1 — under Sec 5.1's unprojected noise the corrected rule is off by the <xi, mu> cross terms")
    func eq1UnprojectedNoise() throws {
        let worst = Self.eq1WorstError(try Self.literalRun(noise: .isotropic), factor: 2)
        report("EQ-1", "Sec 5.1 noise, corrected rule: worst relative error \(worst)")
        #expect(worst > 1e-6)
    }

    @Test("EQ-2 — the noise update as printed does not match; with factor 2 it is exact", .tags(.erratum))
    func eq2PrintedAndCorrected() throws {
        let t = try Self.literalRun()
        var printed = 0.0, corrected = 0.0
        for k in 0..<60 {
            let actual = t.records[k + 1].products
            let values = (0..<actual.rows).flatMap { row in t.basis.noiseIndex.map { actual[row, $0] } }
            printed = max(printed, Self.relativeError(Self.eq2Prediction(t, step: k, factor: 1), values))
            corrected = max(corrected, Self.relativeError(Self.eq2Prediction(t, step: k, factor: 2), values))
        }
        report("EQ-2", "printed rule \(printed); corrected rule \(corrected)")
        withKnownIssue("the printed update omits the factor 2") { #expect(printed <= Self.identityTolerance) }
        #expect(corrected <= Self.identityTolerance)
    }

    /// Lemma D.2: w^k = w^0 + zeta_1 mu_1 + zeta_-1 mu_-1 + sum_i rho_i xi_i / ||xi_i||^2, the
    /// coefficients following the lemma's recursion (computed by the trainer from l' and the inner
    /// products only). Holds for any data (the update is a combination of the patches); checked under
    /// both noise models. Tolerance: reconstruction sums n + 2 vectors, each with O(d u) error.
    @Test("LEM-D.2 — W^k = W^0 + zeta mu + sum rho xi/||xi||^2 with the recursion's factor 2 (exact to rounding)",
          arguments: [NoiseModel.projected, .isotropic])
    func lemmaD2DecompositionCorrected(noise: NoiseModel) throws {
        let t = try Self.literalRun(noise: noise)
        let (corrected, printed) = Self.reconstructionErrors(t)
        report("LEM-D.2", "\(noise): relative reconstruction error, recursion with factor 2: \(corrected); as printed (factor 1): \(printed)")
        #expect(corrected <= Self.identityTolerance)
    }

    @Test("LEM-D.2 — with the printed recursion (factor eta/(nm)) the decomposition fails", .tags(.erratum))
    func lemmaD2DecompositionAsPrinted() throws {
        let (_, printed) = Self.reconstructionErrors(try Self.literalRun())
        withKnownIssue("the printed rho/zeta recursion omits the factor 2") { #expect(printed <= Self.identityTolerance) }
    }

    static func reconstructionErrors(_ t: ClassificationTrajectory) -> (corrected: Double, printed: Double) {
        var corrected = 0.0, printed = 0.0
        let w0 = t.initialWeights
        for record in t.records where record.step % 10 == 0 && record.step > 0 {
            let actual = record.weights!
            for (zeta, rho, slot) in [(record.zeta, record.rho, 0), (record.zetaPrinted, record.rhoPrinted, 1)] {
                var coefficients = Matrix(rows: w0.rows, columns: t.basis.count)
                for row in 0..<w0.rows {
                    coefficients[row, 0] = zeta[row, 0]
                    coefficients[row, 1] = zeta[row, 1]
                    for (i, column) in t.basis.noiseIndex.enumerated() { coefficients[row, column] = rho[row, i] / t.basis.gram[column, column] }
                }
                var rebuilt = w0
                addProduct(coefficients, t.basis.rows, into: &rebuilt)
                var difference = rebuilt
                for k in 0..<difference.storage.count { difference.storage[k] -= actual.storage[k] }
                var change = actual
                for k in 0..<change.storage.count { change.storage[k] -= w0.storage[k] }
                let error = (difference.squaredFrobeniusNorm / change.squaredFrobeniusNorm).squareRoot()
                if slot == 0 { corrected = max(corrected, error) } else { printed = max(printed, error) }
            }
        }
        return (corrected, printed)
    }

    /// The Gram-space trainer used for sweeps must give the literal iterates: inner products agree to
    /// 1e-10 relative over 60 steps (rounding differs only in summation order).
    @Test("The Gram-space trainer reproduces literal gradient descent")
    func gramTrainerMatchesLiteral() throws {
        let literal = try Self.literalRun()
        var c = literal.configuration
        c.method = .gram
        let gram = try TrajectoryCache.shared.classification(c)
        var worst = 0.0
        for (a, b) in zip(literal.records, gram.records) {
            let scale = a.products.storage.map(abs).max()!
            worst = max(worst, zip(a.products.storage, b.products.storage).map { abs($0 - $1) }.max()! / scale)
        }
        let finalDifference = zip(literal.records.last!.weights!.storage, gram.finalWeights.storage).map { abs($0 - $1) }.max()!
        report("EQ-1", "Gram vs literal trainer: worst relative product difference \(worst), final weight difference \(finalDifference)")
        #expect(worst <= 1e-10)
        #expect(finalDifference <= 1e-10)
    }
}
