/// The weight-shared quadratic network of the diffusion model (Section 2), applied to one patch:
/// f_p(W, x) = m^-1/2 sum_r <w_r, x>^2 w_r (the same W in both layers; one W per diffusion time t).
public enum DiffusionNetwork {
    /// f_p(W, x) for a patch x in R^d. Cost O(m d).
    public static func output(weights w: Matrix, patch x: [Double]) -> [Double] {
        precondition(x.count == w.columns)
        let m = w.rows, d = w.columns
        var out = [Double](repeating: 0, count: d)
        w.storage.withUnsafeBufferPointer { wp in
            for r in 0..<m {
                let row = wp.baseAddress! + r * d
                let u = dot(row, x, d)
                axpy(u * u / Double(m).squareRoot(), row, &out, d)
            }
        }
        return out
    }

    /// The denoised estimate x0_hat = (x_t - beta_t f(W, x_t)) / alpha_t of Section 5.2.
    public static func denoise(weights w: Matrix, noisyPatch xt: [Double], time: DiffusionTime) -> [Double] {
        let f = output(weights: w, patch: xt)
        return zip(xt, f).map { ($0 - time.betaT * $1) / time.alphaT }
    }
}
