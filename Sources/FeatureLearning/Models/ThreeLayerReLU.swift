import Foundation

/// Appendix H's three-layer ReLU networks, trained by literal gradient descent with manual backprop.
/// Signal and noise learning are read on the first-layer weights (rows in R^d), as in the paper.
public enum ThreeLayerReLU {
    @inlinable static func relu(_ x: Double) -> Double { x > 0 ? x : 0 }

    /// Diffusion: f_p(x) = W1^T relu(W2 relu(W1 x)), W1 in R^{m x d}, W2 in R^{m x m}, trained on the DDPM
    /// loss averaged over `noiseSamples` fresh draws per sample, patch and step (Monte Carlo; no closed form).
    public static func trainDiffusion(data: TwoPatchDataset, w1: Matrix, w2: Matrix, time: DiffusionTime, eta: Double, steps: Int,
                                      noiseSamples: Int, seed: UInt64) throws -> (w1: Matrix, w2: Matrix, losses: [Double]) {
        var w1 = w1, w2 = w2, losses: [Double] = []
        let m = w1.rows, d = w1.columns, n = data.sampleCount
        var g = SeedSequence(seed: seed).generator(.diffusionNoise)
        for step in 0..<steps {
            var g1 = Matrix(rows: m, columns: d), g2 = Matrix(rows: m, columns: m)
            var loss = 0.0
            for _ in 0..<noiseSamples {
                for i in 0..<n {
                    for patch in [data.signalPatches, data.noisePatches] {
                        var eps = [Double](repeating: 0, count: d), xt = eps
                        for k in 0..<d { eps[k] = g.nextStandardNormal(); xt[k] = time.alphaT * patch[i, k] + time.betaT * eps[k] }
                        let a1 = (0..<m).map { r in w1.storage.withUnsafeBufferPointer { dot($0.baseAddress! + r * d, xt, d) } }
                        let z1 = a1.map(relu)
                        let a2 = (0..<m).map { r in (0..<m).reduce(0.0) { $0 + w2[r, $1] * z1[$1] } }
                        let z2 = a2.map(relu)
                        var e = eps.map { -$0 }
                        w1.storage.withUnsafeBufferPointer { wp in for r in 0..<m where z2[r] != 0 { axpy(z2[r], wp.baseAddress! + r * d, &e, d) } }
                        loss += e.reduce(0) { $0 + $1 * $1 }
                        // Backprop of ||e||^2.
                        let dz2 = (0..<m).map { r in 2 * w1.storage.withUnsafeBufferPointer { dot($0.baseAddress! + r * d, e, d) } }
                        let da2 = (0..<m).map { a2[$0] > 0 ? dz2[$0] : 0 }
                        let dz1 = (0..<m).map { s in (0..<m).reduce(0.0) { $0 + w2[$1, s] * da2[$1] } }
                        let da1 = (0..<m).map { a1[$0] > 0 ? dz1[$0] : 0 }
                        g1.storage.withUnsafeMutableBufferPointer { gp in
                            for r in 0..<m {
                                if z2[r] != 0 { axpy(2 * z2[r], e, gp.baseAddress! + r * d, d) }
                                if da1[r] != 0 { axpy(da1[r], xt, gp.baseAddress! + r * d, d) }
                            }
                        }
                        for r in 0..<m where da2[r] != 0 { for s in 0..<m { g2[r, s] += da2[r] * z1[s] } }
                    }
                }
            }
            let scale = 1 / Double(2 * n * noiseSamples)
            losses.append(loss * scale)
            guard losses.last!.isFinite else { throw FeatureLearningError.divergence(step: step, quantity: "the three-layer DDPM loss") }
            for t in 0..<w1.storage.count { w1.storage[t] -= eta * scale * g1.storage[t] }
            for t in 0..<w2.storage.count { w2.storage[t] -= eta * scale * g2.storage[t] }
        }
        return (w1, w2, losses)
    }

    /// Classification: z^(p) = relu(W0 x^(p)), F_j = (1/m) sum_r relu(<w_jr, z^(1)>) + relu(<w_jr, z^(2)>),
    /// f = F_1 - F_-1, logistic loss; W0 in R^{m x d}, W_{+1}, W_{-1} in R^{m x m}.
    public static func trainClassification(data: TwoPatchDataset, w0: Matrix, wPlus: Matrix, wMinus: Matrix, eta: Double, steps: Int) throws -> (w0: Matrix, losses: [Double]) {
        var w0 = w0, wPlus = wPlus, wMinus = wMinus, losses: [Double] = []
        let m = w0.rows, d = w0.columns, n = data.sampleCount
        for step in 0..<steps {
            var g0 = Matrix(rows: m, columns: d), gp = Matrix(rows: m, columns: m), gm = Matrix(rows: m, columns: m)
            var loss = 0.0
            for i in 0..<n {
                let patches = [data.signalPatches.row(i), data.noisePatches.row(i)]
                let h = patches.map { x in (0..<m).map { r in w0.storage.withUnsafeBufferPointer { dot($0.baseAddress! + r * d, x, d) } } }
                let z = h.map { $0.map(relu) }
                func activations(_ w: Matrix, _ z: [Double]) -> [Double] { (0..<m).map { r in (0..<m).reduce(0.0) { $0 + w[r, $1] * z[$1] } } }
                let ap = z.map { activations(wPlus, $0) }, am = z.map { activations(wMinus, $0) }
                let f = (ap[0].map(relu).reduce(0, +) + ap[1].map(relu).reduce(0, +) - am[0].map(relu).reduce(0, +) - am[1].map(relu).reduce(0, +)) / Double(m)
                let y = Double(data.labels[i])
                loss += Logistic.loss(y * f)
                let coefficient = Logistic.derivative(y * f) * y / Double(m)
                for p in 0..<2 {
                    var dz = [Double](repeating: 0, count: m)
                    for r in 0..<m {
                        if ap[p][r] > 0 { for s in 0..<m { gp[r, s] += coefficient * z[p][s]; dz[s] += coefficient * wPlus[r, s] } }
                        if am[p][r] > 0 { for s in 0..<m { gm[r, s] -= coefficient * z[p][s]; dz[s] -= coefficient * wMinus[r, s] } }
                    }
                    g0.storage.withUnsafeMutableBufferPointer { g in
                        for r in 0..<m where h[p][r] > 0 && dz[r] != 0 { axpy(dz[r], patches[p], g.baseAddress! + r * d, d) }
                    }
                }
            }
            losses.append(loss / Double(n))
            guard losses.last!.isFinite else { throw FeatureLearningError.divergence(step: step, quantity: "the three-layer logistic loss") }
            let scale = eta / Double(n)
            for t in 0..<w0.storage.count { w0.storage[t] -= scale * g0.storage[t] }
            for t in 0..<wPlus.storage.count { wPlus.storage[t] -= scale * gp.storage[t]; wMinus.storage[t] -= scale * gm.storage[t] }
        }
        return (w0, losses)
    }

    /// Signal and noise learning of the first layer, as the change from initialization:
    /// (max over r, j of |<w_r - w_r^0, mu_j>|, mean over i of max over r of |<w_r - w_r^0, xi_i>|).
    public static func firstLayerLearning(initial: Matrix, final: Matrix, data: TwoPatchDataset) -> (signal: Double, noise: Double) {
        var change = final
        for t in 0..<change.storage.count { change.storage[t] -= initial.storage[t] }
        let levels = FeatureLearningLevels(weights: change, data: data)
        return (levels.signal, levels.noise)
    }
}
