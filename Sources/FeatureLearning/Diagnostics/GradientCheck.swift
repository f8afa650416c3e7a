/// Central-difference gradient checks, shared by every test that validates an analytic gradient.
public enum GradientCheck {
    /// The central-difference gradient (L(x + h e_k) - L(x - h e_k)) / 2h of `loss` at x, entry by entry.
    /// Error: truncation h^2 |L'''| / 6 plus rounding ~ eps |L| / h.
    public static func numericGradient(at x: Matrix, step h: Double, loss: (Matrix) -> Double) -> Matrix {
        var out = Matrix(rows: x.rows, columns: x.columns)
        for k in 0..<x.storage.count {
            var plus = x, minus = x
            plus.storage[k] += h
            minus.storage[k] -= h
            out.storage[k] = (loss(plus) - loss(minus)) / (2 * h)
        }
        return out
    }

    /// max_k |numeric_k - analytic_k| / (absoluteTolerance + relativeTolerance |analytic_k|): at most 1
    /// means every entry agrees within the stated tolerances.
    public static func worstScaledError(at x: Matrix, analytic: Matrix, step h: Double, relativeTolerance: Double,
                                        absoluteTolerance: Double, loss: (Matrix) -> Double) -> Double {
        let numeric = numericGradient(at: x, step: h, loss: loss)
        var worst = 0.0
        for k in 0..<x.storage.count {
            worst = max(worst, abs(numeric.storage[k] - analytic.storage[k]) / (absoluteTolerance + relativeTolerance * abs(analytic.storage[k])))
        }
        return worst
    }
}
