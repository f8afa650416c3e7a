import Foundation

/// Appendix I's multi-class variant of the quadratic classifier: F_c(x) = (1/m) sum_r a_rc
/// (<w_r, x^(1)>^2 + <w_r, x^(2)>^2) with a fixed second layer a_rc in {+1, -1} (drawn uniformly),
/// trained with the softmax cross-entropy L = (1/n) sum_i [log sum_c e^{F_c(x_i)} - F_{y_i}(x_i)].
/// Gradient: grad_{w_r} L = (2 / (n m)) sum_i g_ri (<w_r, x_i^(1)> x_i^(1) + <w_r, x_i^(2)> x_i^(2)),
/// g_ri = sum_c (p_ic - 1[c = y_i]) a_rc, p_i = softmax(F(x_i)).
public struct MulticlassClassifier: Sendable {
    /// m x C, entries +1 / -1.
    public var secondLayer: Matrix

    public init(width m: Int, classes: Int, generator: inout Xoshiro256StarStar) {
        secondLayer = Matrix(rows: m, columns: classes, storage: (0..<(m * classes)).map { _ in Double(generator.nextSign()) })
    }

    /// Outputs F_c for every sample from the inner products P = W rows^T. Returns n x C.
    public func outputs(products p: Matrix, basis: PatchBasis) -> Matrix {
        let m = p.rows, n = basis.signalIndex.count, classes = secondLayer.columns
        var out = Matrix(rows: n, columns: classes)
        for i in 0..<n {
            for r in 0..<m {
                let u = p[r, basis.signalIndex[i]], v = p[r, basis.noiseIndex[i]]
                let h = (u * u + v * v) / Double(m)
                for c in 0..<classes { out[i, c] += secondLayer[r, c] * h }
            }
        }
        return out
    }

    /// Loss, accuracy and gradient coefficients on the basis rows.
    public func evaluate(products p: Matrix, basis: PatchBasis, labels: [Int]) -> (loss: Double, accuracy: Double, coefficients: Matrix) {
        let m = p.rows, n = labels.count, classes = secondLayer.columns
        let f = outputs(products: p, basis: basis)
        var coefficients = Matrix(rows: m, columns: basis.count)
        var loss = 0.0, correct = 0
        for i in 0..<n {
            let row = (0..<classes).map { f[i, $0] }
            let top = row.max()!
            let sum = row.reduce(0) { $0 + exp($1 - top) }
            loss += top + log(sum) - row[labels[i]]
            if row.firstIndex(of: top) == labels[i] { correct += 1 }
            let probabilities = row.map { exp($0 - top) / sum }
            for r in 0..<m {
                var g = 0.0
                for c in 0..<classes { g += (probabilities[c] - (c == labels[i] ? 1 : 0)) * secondLayer[r, c] }
                let scale = 2 * g / (Double(n) * Double(m))
                coefficients[r, basis.signalIndex[i]] += scale * p[r, basis.signalIndex[i]]
                coefficients[r, basis.noiseIndex[i]] += scale * p[r, basis.noiseIndex[i]]
            }
        }
        return (loss / Double(n), Double(correct) / Double(n), coefficients)
    }

    /// Full-batch gradient descent in the data span (exact; see `ClassificationMethod.gram`).
    /// Returns the final weights and the per-step losses. Throws `divergence` on a non-finite loss.
    public func train(data: TwoPatchDataset, labels: [Int], initialWeights w0: Matrix, eta: Double, steps: Int) throws -> (weights: Matrix, losses: [Double], accuracy: Double) {
        let basis = PatchBasis(data)
        var p = innerProducts(w0, basis.rows)
        var a = Matrix(rows: w0.rows, columns: basis.count)
        var losses: [Double] = []
        var accuracy = 0.0
        for step in 0...steps {
            let e = evaluate(products: p, basis: basis, labels: labels)
            guard e.loss.isFinite else { throw FeatureLearningError.divergence(step: step, quantity: "the cross-entropy loss") }
            losses.append(e.loss)
            accuracy = e.accuracy
            if step == steps { break }
            var move = e.coefficients
            for t in 0..<move.storage.count { move.storage[t] *= -eta }
            for t in 0..<a.storage.count { a.storage[t] += move.storage[t] }
            addMatrixProduct(move, basis.gram, into: &p)
        }
        var w = w0
        addProduct(a, basis.rows, into: &w)
        return (w, losses, accuracy)
    }
}
