import Foundation

/// The expected DDPM loss of the weight-shared quadratic network and its gradient, in closed form.
///
/// Network (Section 2): f_p(W, x) = m^-1/2 sum_r <w_r, x>^2 w_r for each patch p. Loss:
/// L_F(W) = (1/2n) sum_i sum_p E_eps || f_p(W, alpha x_ip + beta eps) - eps ||^2, eps ~ N(0, I_d).
///
/// Derivation (our own; Isserlis' theorem). Fix a clean patch x and write u_r = <w_r, x>,
/// G_rq = <w_r, w_q>, s_r = G_rr, z_r = <w_r, eps> (jointly Gaussian, E z_r z_q = G_rq), and
/// c_r = <w_r, alpha x + beta eps>^2 = (alpha u_r + beta z_r)^2. Then
///   E ||f - eps||^2 = d + (1/m) sum_{r,q} G_rq E[c_r c_q] - (2/sqrt m) sum_r E[c_r z_r].
/// Odd moments vanish; E[z_r^2 z_q^2] = s_r s_q + 2 G_rq^2 and E[z_r z_q] = G_rq give
///   E[c_r c_q] = A_r A_q + 2 beta^4 G_rq^2 + 4 alpha^2 beta^2 u_r u_q G_rq,  A_r = alpha^2 u_r^2 + beta^2 s_r,
/// (the r = q case is alpha^4 u^4 + 6 alpha^2 beta^2 u^2 s + 3 beta^4 s^2, the Gaussian fourth moment),
/// and E[c_r z_r] = 2 alpha beta u_r s_r. Hence, with the sums over ALL ordered pairs (r, q),
///   E ||f - eps||^2 = d + (1/m) [A^T G A + 2 beta^4 sum_{rq} G_rq^3 + 4 alpha^2 beta^2 u^T (G o G) u]
///                     - (4 alpha beta / sqrt m) sum_r s_r u_r.
/// Gradient (G_rq depends on w_r through both indices, so d/dw_r sum_{qq'} phi_qq' G_qq' = 2 sum_q phi_rq w_q):
///   grad_r = (1/m) [ 2 A_r v + 4 <w_r, v> (alpha^2 u_r x + beta^2 w_r) + 12 beta^4 sum_q G_rq^2 w_q
///                    + 8 alpha^2 beta^2 (sum_q u_q G_rq^2) x + 16 alpha^2 beta^2 u_r sum_q u_q G_rq w_q ]
///            - (4 alpha beta / sqrt m) (2 u_r w_r + s_r x),   v = sum_q A_q w_q.
/// Averaged over the 2n (sample, patch) pairs, the gradient is K W + B rows with K (m x m) and
/// B (m x q) accumulated pair by pair: cost O(n m^2) for K, B, plus O(m^2 d + m q d) for the products —
/// O(n m d + m^2 d) per step, with no factor n_eps.
public struct DiffusionEvaluation: Sendable {
    /// L_F(W), including its constant d.
    public var loss: Double
    /// grad = directionCoefficients W + dataCoefficients rows.
    public var directionCoefficients: Matrix
    public var dataCoefficients: Matrix
}

public enum DiffusionLoss {
    /// Loss and gradient coefficients from the inner products P = W rows^T (m x q) and G = W W^T (m x m).
    /// `pairs` lists the basis rows of the clean patches (x_i^(1) and x_i^(2) for every i).
    public static func evaluate(products p: Matrix, gram g: Matrix, pairs: [Int], dimension d: Int,
                                alpha: Double, beta: Double) -> DiffusionEvaluation {
        let m = g.rows, q = p.columns
        let mm = Double(m), rootM = mm.squareRoot()
        let a2 = alpha * alpha, b2 = beta * beta, b4 = b2 * b2
        let pairCount = Double(pairs.count)
        let gs = g.storage, ps = p.storage
        var ks = [Double](repeating: 0, count: m * m), bs = [Double](repeating: 0, count: m * q)
        // Pair-independent parts: 2 beta^4 sum G^3 in the loss, 12 beta^4 G_rq^2 in K.
        var cubeSum = 0.0
        for t in 0..<(m * m) {
            let value = gs[t]
            cubeSum += value * value * value
            ks[t] = 12 * b4 * value * value / mm
        }
        var lossSum = 0.0
        var u = [Double](repeating: 0, count: m), aCoefficient = u, gA = u, gSquaredU = u
        let inverse = 1 / pairCount
        for column in pairs {
            for r in 0..<m {
                u[r] = ps[r * q + column]
                aCoefficient[r] = a2 * u[r] * u[r] + b2 * gs[r * m + r]
            }
            var t1 = 0.0, t3 = 0.0, linear = 0.0
            for r in 0..<m {
                var sA = 0.0, sSquaredU = 0.0
                for s in 0..<m {
                    let value = gs[r * m + s]
                    sA += value * aCoefficient[s]
                    sSquaredU += value * value * u[s]
                }
                gA[r] = sA
                gSquaredU[r] = sSquaredU
                t1 += aCoefficient[r] * sA
                t3 += u[r] * sSquaredU
                linear += gs[r * m + r] * u[r]
            }
            lossSum += (t1 + 2 * b4 * cubeSum + 4 * a2 * b2 * t3) / mm - 4 * alpha * beta / rootM * linear
            let outer = inverse * 2 / mm, mixed = inverse * 16 * a2 * b2 / mm
            for r in 0..<m {
                let ar = outer * aCoefficient[r], ur = mixed * u[r]
                for s in 0..<m {
                    ks[r * m + s] += ar * aCoefficient[s] + ur * u[s] * gs[r * m + s]
                }
                ks[r * m + r] += inverse * (4 * b2 * gA[r] / mm - 8 * alpha * beta * u[r] / rootM)
                bs[r * q + column] += inverse * ((4 * a2 * gA[r] * u[r] + 8 * a2 * b2 * gSquaredU[r]) / mm - 4 * alpha * beta * gs[r * m + r] / rootM)
            }
        }
        let k = Matrix(rows: m, columns: m, storage: ks), b = Matrix(rows: m, columns: q, storage: bs)
        return DiffusionEvaluation(loss: Double(d) + lossSum / pairCount, directionCoefficients: k, dataCoefficients: b)
    }

    /// The clean patches of every (sample, patch) pair as basis rows.
    public static func pairs(_ basis: PatchBasis) -> [Int] { basis.signalIndex + basis.noiseIndex }

    /// L_F and its d-dimensional gradient for arbitrary weights (m x d) and data. Cost O(n m d + m^2 d).
    public static func lossAndGradient(weights w: Matrix, data: TwoPatchDataset, alpha: Double, beta: Double) -> (loss: Double, gradient: Matrix) {
        let basis = PatchBasis(data, computeGram: false)
        let e = evaluate(products: innerProducts(w, basis.rows), gram: innerProducts(w, w), pairs: pairs(basis),
                         dimension: data.dimension, alpha: alpha, beta: beta)
        return (e.loss, gradient(e, weights: w, rows: basis.rows))
    }

    /// K W + B rows.
    public static func gradient(_ e: DiffusionEvaluation, weights w: Matrix, rows: Matrix) -> Matrix {
        var out = Matrix(rows: w.rows, columns: w.columns)
        addProduct(e.directionCoefficients, w, into: &out)
        addProduct(e.dataCoefficients, rows, into: &out)
        return out
    }
}
