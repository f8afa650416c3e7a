/// The two-group quadratic classifier of Section 2:
/// f(W, x) = F_1(W_1, x) - F_-1(W_-1, x), F_j(W_j, x) = (1/m) sum_r <w_jr, x^(1)>^2 + <w_jr, x^(2)>^2.
///
/// Weights are one 2m x d matrix: rows 0..<m are w_{+1,r}, rows m..<2m are w_{-1,r}.
public enum QuadraticClassifier {
    /// Row of neuron (j, r) in the 2m x d weight matrix.
    @inlinable
    public static func row(j: Int, r: Int, width m: Int) -> Int { j == 1 ? r : m + r }

    /// The sign j of weight row `row`.
    @inlinable
    public static func group(ofRow row: Int, width m: Int) -> Int { row < m ? 1 : -1 }

    /// F_j for every sample, from the inner products P (2m x q, P[jr, b] = <w_jr, basis row b>):
    /// returns (F_1, F_-1) per sample. Cost O(m n).
    public static func groupOutputs(products p: Matrix, basis: PatchBasis, width m: Int) -> (plus: [Double], minus: [Double]) {
        let n = basis.signalIndex.count
        var plus = [Double](repeating: 0, count: n), minus = plus
        let ps = p.storage, q = p.columns
        for i in 0..<n {
            let s = basis.signalIndex[i], x = basis.noiseIndex[i]
            var a = 0.0, b = 0.0
            for r in 0..<m {
                let u = ps[r * q + s], v = ps[r * q + x]
                a += u * u + v * v
                let u2 = ps[(m + r) * q + s], v2 = ps[(m + r) * q + x]
                b += u2 * u2 + v2 * v2
            }
            plus[i] = a / Double(m)
            minus[i] = b / Double(m)
        }
        return (plus, minus)
    }

    /// f(W, x) for arbitrary inputs given as two patch matrices (rows are samples). Cost O(m n d).
    public static func outputs(weights w: Matrix, signalPatches: Matrix, noisePatches: Matrix) -> [Double] {
        let m = w.rows / 2
        let a = innerProducts(w, signalPatches), b = innerProducts(w, noisePatches)
        return (0..<signalPatches.rows).map { i in
            var f = 0.0
            for row in 0..<(2 * m) {
                let value = a[row, i] * a[row, i] + b[row, i] * b[row, i]
                f += row < m ? value : -value
            }
            return f / Double(m)
        }
    }
}
