/// The extreme eigenvalues of the Hessian of the exact expected DDPM loss at W, by power iteration
/// on Hessian-vector products H v ~ (grad L(W + h v) - grad L(W - h v)) / (2h) (central differences of
/// the exact gradient, h = 1e-5 ||W|| / ||v||): first lambda_max, then the largest eigenvalue of
/// lambda_max I - H, which is lambda_max - lambda_min. Used to tell whether a stationary point is a
/// minimum (lambda_min >= 0 up to the stated tolerance). Cost 2 (iterations) gradient evaluations.
public enum HessianSpectrum {
    public struct Extremes: Sendable { public var largest: Double; public var smallest: Double }

    public static func extremes(weights w: Matrix, data: TwoPatchDataset, time: DiffusionTime, iterations: Int = 150, seed: UInt64 = 1) -> Extremes {
        func hessianTimes(_ v: Matrix) -> Matrix {
            let h = 1e-5 * w.squaredFrobeniusNorm.squareRoot() / max(v.squaredFrobeniusNorm.squareRoot(), 1e-300)
            var plus = w, minus = w
            for t in 0..<w.storage.count { plus.storage[t] += h * v.storage[t]; minus.storage[t] -= h * v.storage[t] }
            let gp = DiffusionLoss.lossAndGradient(weights: plus, data: data, alpha: time.alphaT, beta: time.betaT).gradient
            let gm = DiffusionLoss.lossAndGradient(weights: minus, data: data, alpha: time.alphaT, beta: time.betaT).gradient
            return Matrix(rows: w.rows, columns: w.columns, storage: zip(gp.storage, gm.storage).map { ($0 - $1) / (2 * h) })
        }
        func normalized(_ v: Matrix) -> Matrix {
            let n = v.squaredFrobeniusNorm.squareRoot()
            return Matrix(rows: v.rows, columns: v.columns, storage: v.storage.map { $0 / n })
        }
        var g = Xoshiro256StarStar(seed: seed)
        func randomVector() -> Matrix { normalized(Matrix(rows: w.rows, columns: w.columns, storage: (0..<w.storage.count).map { _ in g.nextStandardNormal() })) }
        var v = randomVector(), largest = 0.0
        for _ in 0..<iterations {
            let hv = hessianTimes(v)
            largest = zip(hv.storage, v.storage).reduce(0) { $0 + $1.0 * $1.1 }
            v = normalized(hv)
        }
        var u = randomVector(), shifted = 0.0
        for _ in 0..<iterations {
            let hu = hessianTimes(u)
            let s = Matrix(rows: u.rows, columns: u.columns, storage: zip(u.storage, hu.storage).map { largest * $0 - $1 })
            shifted = zip(s.storage, u.storage).reduce(0) { $0 + $1.0 * $1.1 }
            u = normalized(s)
        }
        return Extremes(largest: largest, smallest: largest - shifted)
    }
}
