/// The lower-triangular Cholesky factor L of a symmetric positive definite matrix A = L L^T.
///
/// Used to draw (<w, x_1>, ..., <w, x_n>) for w ~ N(0, s^2 I) exactly as s L z with z ~ N(0, I_n) and
/// A the Gram matrix of the x_i: the same joint distribution as drawing w in R^d, at cost n^2
/// instead of n d. Cost n^3 / 3 for the factorization.
public func choleskyFactor(_ a: Matrix) throws -> Matrix {
    guard a.rows == a.columns else {
        throw FeatureLearningError.shapeMismatch(field: "matrix", expected: "square", actual: "\(a.rows) x \(a.columns)")
    }
    let n = a.rows
    var l = Matrix(rows: n, columns: n)
    for i in 0..<n {
        for j in 0...i {
            var sum = a[i, j]
            for k in 0..<j { sum -= l[i, k] * l[j, k] }
            if i == j {
                guard sum > 0 else {
                    throw FeatureLearningError.invalidParameter(parameter: "matrix", constraint: "positive definite", value: "pivot \(sum) at \(i)")
                }
                l[i, i] = sum.squareRoot()
            } else {
                l[i, j] = sum / l[j, j]
            }
        }
    }
    return l
}

/// L z for lower-triangular L.
public func lowerTriangularTimes(_ l: Matrix, _ z: [Double]) -> [Double] {
    (0..<l.rows).map { i in (0...i).reduce(0.0) { $0 + l[i, $1] * z[$1] } }
}
