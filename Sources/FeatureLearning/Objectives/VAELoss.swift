import Foundation

/// Appendix F's VAE with a shared quadratic encoder/decoder: encoder mean phi(x) = (W x)^2, decoder
/// psi(z) = W^T z, posterior standard deviations sigma(x) = V x (a second trainable m x d matrix), and
/// the loss, with the expectation over the reparameterization noise taken exactly,
///   L = (1/n) sum_i sum_p [ ||x - W^T phi(x)||^2 + sum_r sigma_r(x)^2 ||w_r||^2
///                           + lambda (1/2 ||phi(x)||^2 - 1/2 sum_r log sigma_r(x)^2 + 1/2 ||sigma(x)||^2) ],
/// using E_xi ||x - W^T phi - W^T (sigma o xi)||^2 = ||x - W^T phi||^2 + sum_r sigma_r^2 ||w_r||^2
/// (the cross term has mean zero). Gradients (u = W x, s = V x, e = x - W^T u^2):
///   grad_{w_r} = -2 u_r^2 e - 4 u_r <w_r, e> x + 2 s_r^2 w_r + 2 lambda u_r^3 x,
///   grad_{v_r} = 2 ||w_r||^2 s_r x + lambda (s_r - 1 / s_r) x.
public enum VAELoss {
    public struct Evaluation { public var loss: Double; public var gradientW: Matrix; public var gradientV: Matrix }

    public static func evaluate(w: Matrix, v: Matrix, data: TwoPatchDataset, lambda: Double) -> Evaluation {
        let m = w.rows, d = w.columns, n = data.sampleCount
        var gw = Matrix(rows: m, columns: d), gv = Matrix(rows: m, columns: d)
        var loss = 0.0
        let norms = (0..<m).map { r in w.storage.withUnsafeBufferPointer { dot($0.baseAddress! + r * d, $0.baseAddress! + r * d, d) } }
        for i in 0..<n {
            for patch in [data.signalPatches.row(i), data.noisePatches.row(i)] {
                var u = [Double](repeating: 0, count: m), s = u
                var e = patch
                w.storage.withUnsafeBufferPointer { wp in
                    v.storage.withUnsafeBufferPointer { vp in
                        for r in 0..<m {
                            u[r] = dot(wp.baseAddress! + r * d, patch, d)
                            s[r] = dot(vp.baseAddress! + r * d, patch, d)
                            axpy(-u[r] * u[r], wp.baseAddress! + r * d, &e, d)
                        }
                    }
                }
                var value = e.reduce(0) { $0 + $1 * $1 }
                for r in 0..<m {
                    value += s[r] * s[r] * norms[r] + lambda * (0.5 * pow(u[r], 4) - 0.5 * log(s[r] * s[r]) + 0.5 * s[r] * s[r])
                }
                loss += value
                w.storage.withUnsafeBufferPointer { wp in
                    gw.storage.withUnsafeMutableBufferPointer { gp in
                        gv.storage.withUnsafeMutableBufferPointer { hp in
                            for r in 0..<m {
                                let row = wp.baseAddress! + r * d
                                let we = dot(row, e, d)
                                axpy(-2 * u[r] * u[r], e, gp.baseAddress! + r * d, d)
                                axpy(-4 * u[r] * we + 2 * lambda * pow(u[r], 3), patch, gp.baseAddress! + r * d, d)
                                axpy(2 * s[r] * s[r], row, gp.baseAddress! + r * d, d)
                                axpy(2 * norms[r] * s[r] + lambda * (s[r] - 1 / s[r]), patch, hp.baseAddress! + r * d, d)
                            }
                        }
                    }
                }
            }
        }
        let scale = 1 / Double(n)
        for t in 0..<gw.storage.count { gw.storage[t] *= scale; gv.storage[t] *= scale }
        return Evaluation(loss: loss * scale, gradientW: gw, gradientV: gv)
    }

    /// Gradient descent on (W, V). Returns the final W and the losses; throws `divergence` on a
    /// non-finite loss.
    public static func train(data: TwoPatchDataset, w0: Matrix, v0: Matrix, lambda: Double, eta: Double, steps: Int) throws -> (w: Matrix, v: Matrix, losses: [Double]) {
        var w = w0, v = v0, losses: [Double] = []
        for step in 0...steps {
            let e = evaluate(w: w, v: v, data: data, lambda: lambda)
            guard e.loss.isFinite else { throw FeatureLearningError.divergence(step: step, quantity: "the VAE loss") }
            losses.append(e.loss)
            if step == steps { break }
            for t in 0..<w.storage.count { w.storage[t] -= eta * e.gradientW.storage[t]; v.storage[t] -= eta * e.gradientV.storage[t] }
        }
        return (w, v, losses)
    }
}
