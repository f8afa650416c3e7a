/// The DDPM loss and gradient by Monte Carlo over the diffusion noise, as in the paper's experiment
/// (n_eps fresh noise draws per sample and patch): the unbiased estimate
/// (1/2n) sum_i (1/N) sum_s sum_p || f_p(W, alpha x_ip + beta eps_ips) - eps_ips ||^2.
///
/// Gradient of one term: with c_r = <w_r, x_t>^2 and e = f - eps,
/// grad_r ||e||^2 = (2 / sqrt m) (c_r e + 2 <w_r, x_t> <w_r, e> x_t). Cost O(N n m d).
public struct DiffusionMonteCarloEstimate: Sendable {
    /// The Monte Carlo loss (mean over draws of the per-draw loss).
    public var loss: Double
    /// The standard error of `loss`: the sample standard deviation of the per-draw losses / sqrt(N).
    public var standardError: Double
    /// The Monte Carlo gradient (m x d).
    public var gradient: Matrix
    /// Per-draw losses (1/2n) sum_i sum_p ||f - eps||^2 for draw s, s = 0..<N.
    public var perDrawLosses: [Double]
}

public enum DiffusionMonteCarlo {
    /// Draws N noise vectors per (sample, patch) from `generator` (in the order draw, sample, patch).
    public static func estimate(weights w: Matrix, data: TwoPatchDataset, alpha: Double, beta: Double,
                                noiseSamples: Int, generator: inout Xoshiro256StarStar, withGradient: Bool = true) throws -> DiffusionMonteCarloEstimate {
        try require(noiseSamples >= 2, "monteCarloSamples", ">= 2", noiseSamples)
        let m = w.rows, d = w.columns, n = data.sampleCount
        let rootM = Double(m).squareRoot()
        var gradient = Matrix(rows: m, columns: d)
        var perDraw = [Double](repeating: 0, count: noiseSamples)
        var eps = [Double](repeating: 0, count: d), xt = eps, f = eps
        var projections = [Double](repeating: 0, count: m), errorProjections = projections
        for s in 0..<noiseSamples {
            var drawLoss = 0.0
            for i in 0..<n {
                for patch in [data.signalPatches, data.noisePatches] {
                    eps.withUnsafeMutableBufferPointer { generator.fillNormal($0.baseAddress!, count: d, scale: 1) }
                    patch.storage.withUnsafeBufferPointer { x in
                        for k in 0..<d { xt[k] = alpha * x[i * d + k] + beta * eps[k] }
                    }
                    for k in 0..<d { f[k] = 0 }
                    w.storage.withUnsafeBufferPointer { wp in
                        for r in 0..<m {
                            let value = dot(wp.baseAddress! + r * d, xt, d)
                            projections[r] = value
                            axpy(value * value / rootM, wp.baseAddress! + r * d, &f, d)
                        }
                    }
                    var squared = 0.0
                    for k in 0..<d {
                        f[k] -= eps[k] // f now holds the error e = f - eps
                        squared += f[k] * f[k]
                    }
                    drawLoss += squared
                    if withGradient {
                        w.storage.withUnsafeBufferPointer { wp in
                            for r in 0..<m { errorProjections[r] = dot(wp.baseAddress! + r * d, f, d) }
                        }
                        gradient.storage.withUnsafeMutableBufferPointer { gp in
                            for r in 0..<m {
                                let c = projections[r] * projections[r]
                                let row = gp.baseAddress! + r * d
                                axpy(2 * c / rootM, f, row, d)
                                axpy(4 * projections[r] * errorProjections[r] / rootM, xt, row, d)
                            }
                        }
                    }
                }
            }
            perDraw[s] = drawLoss / Double(2 * n)
        }
        let scale = 1 / (Double(2 * n) * Double(noiseSamples))
        for t in 0..<gradient.storage.count { gradient.storage[t] *= scale }
        let mean = perDraw.reduce(0, +) / Double(noiseSamples)
        let variance = perDraw.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(noiseSamples - 1)
        return DiffusionMonteCarloEstimate(loss: mean, standardError: (variance / Double(noiseSamples)).squareRoot(),
                                           gradient: gradient, perDrawLosses: perDraw)
    }
}
