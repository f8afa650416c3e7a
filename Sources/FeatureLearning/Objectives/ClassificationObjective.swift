/// The empirical logistic loss L_S(W) = (1/n) sum_i l(y_i f(W, x_i)) (Section 2) and its gradient,
/// evaluated from the inner products of the weights with the data span (`PatchBasis`).
///
/// Gradient: grad_{w_jr} L_S = (2 / (n m)) sum_i l'_i y_i j (<w_jr, x_i^(1)> x_i^(1) + <w_jr, xi_i> xi_i),
/// with l'_i = l'(y_i f(W, x_i)). Note the factor 2 from d<w, x>^2 / dw = 2 <w, x> x, which the
/// paper's eqs. (1)-(2) and Lemma D.2 omit (see PROPERTIES.md, EQ-1).
public struct ClassificationEvaluation: Sendable {
    /// y_i f(W, x_i).
    public var margins: [Double]
    /// l'_i = l'(y_i f(W, x_i)), in (-1, 0).
    public var lossDerivatives: [Double]
    /// L_S(W).
    public var loss: Double
    /// The gradient as coefficients on the basis rows: grad = C rows (C is 2m x q).
    public var gradientCoefficients: Matrix
    /// Training accuracy: the fraction of samples with y_i f(W, x_i) > 0.
    public var accuracy: Double
}

public enum ClassificationObjective {
    /// Loss, derivatives and gradient coefficients from P = W rows^T. Cost O(m q) plus O(m n).
    public static func evaluate(products p: Matrix, basis: PatchBasis, labels: [Int], width m: Int) -> ClassificationEvaluation {
        let n = labels.count
        let (plus, minus) = QuadraticClassifier.groupOutputs(products: p, basis: basis, width: m)
        var margins = [Double](repeating: 0, count: n), derivatives = margins
        var loss = 0.0, correct = 0
        for i in 0..<n {
            let z = Double(labels[i]) * (plus[i] - minus[i])
            margins[i] = z
            derivatives[i] = Logistic.derivative(z)
            loss += Logistic.loss(z)
            if z > 0 { correct += 1 }
        }
        let q = basis.count
        var cs = [Double](repeating: 0, count: 2 * m * q)
        let ps = p.storage
        let scale = 2 / (Double(n) * Double(m))
        for i in 0..<n {
            let s = basis.signalIndex[i], x = basis.noiseIndex[i]
            let base = scale * derivatives[i] * Double(labels[i])
            for row in 0..<(2 * m) {
                let coefficient = row < m ? base : -base
                cs[row * q + s] += coefficient * ps[row * q + s]
                cs[row * q + x] += coefficient * ps[row * q + x]
            }
        }
        let c = Matrix(rows: 2 * m, columns: q, storage: cs)
        return ClassificationEvaluation(margins: margins, lossDerivatives: derivatives, loss: loss / Double(n),
                                        gradientCoefficients: c, accuracy: Double(correct) / Double(n))
    }

    /// ||C rows||_F^2 = tr(C G C^T) with G the basis Gram matrix. Cost O(m q^2).
    public static func squaredNorm(coefficients c: Matrix, gram: Matrix) -> Double {
        let q = gram.rows
        var total = 0.0
        c.storage.withUnsafeBufferPointer { cp in
            gram.storage.withUnsafeBufferPointer { gp in
                for row in 0..<c.rows {
                    let cRow = cp.baseAddress! + row * q
                    for a in 0..<q where cRow[a] != 0 {
                        total += cRow[a] * dot(gp.baseAddress! + a * q, cRow, q)
                    }
                }
            }
        }
        return total
    }

    /// L_S and the full d-dimensional gradient for arbitrary weights and data (used by `evaluate`
    /// JSON and by finite-difference tests). Cost O(m n d).
    public static func lossAndGradient(weights w: Matrix, data: TwoPatchDataset) -> (loss: Double, gradient: Matrix) {
        let basis = PatchBasis(data, computeGram: false)
        let p = innerProducts(w, basis.rows)
        let e = evaluate(products: p, basis: basis, labels: data.labels, width: w.rows / 2)
        var g = Matrix(rows: w.rows, columns: w.columns)
        addProduct(e.gradientCoefficients, basis.rows, into: &g)
        return (e.loss, g)
    }

    /// L_S alone for arbitrary weights (O(m n d)).
    public static func loss(weights w: Matrix, data: TwoPatchDataset) -> Double {
        let basis = PatchBasis(data, computeGram: false)
        return evaluate(products: innerProducts(w, basis.rows), basis: basis, labels: data.labels, width: w.rows / 2).loss
    }
}
