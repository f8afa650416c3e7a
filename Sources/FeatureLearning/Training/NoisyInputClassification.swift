/// Appendix J's variant: classification trained on diffused inputs alpha_t x + beta_t eps with fresh
/// eps ~ N(0, I) for both patches of every sample at every step (literal gradient descent, eta and
/// steps as given). Returns the final weights; the caller measures them against the clean patches.
public enum NoisyInputClassification {
    public static func train(data: TwoPatchDataset, initialWeights w0: Matrix, eta: Double, steps: Int,
                             time: DiffusionTime, seed: UInt64) throws -> Matrix {
        try require(eta.isFinite && eta > 0, "eta", "finite and > 0", eta)
        try require(steps >= 0, "steps", "steps >= 0", steps)
        var w = w0
        var noise = SeedSequence(seed: seed).generator(.diffusionNoise)
        let n = data.sampleCount, d = data.dimension
        for step in 0..<steps {
            var signal = data.signalPatches, xi = data.noisePatches
            for t in 0..<(n * d) {
                signal.storage[t] = time.alphaT * signal.storage[t] + time.betaT * noise.nextStandardNormal()
                xi.storage[t] = time.alphaT * xi.storage[t] + time.betaT * noise.nextStandardNormal()
            }
            let noisy = try TwoPatchDataset(signalPatches: signal, noisePatches: xi, labels: data.labels)
            let (loss, gradient) = ClassificationObjective.lossAndGradient(weights: w, data: noisy)
            guard loss.isFinite else { throw FeatureLearningError.divergence(step: step, quantity: "the loss L_S on noisy inputs") }
            for t in 0..<w.storage.count { w.storage[t] -= eta * gradient.storage[t] }
        }
        guard w.isFinite else { throw FeatureLearningError.divergence(step: steps, quantity: "the weights") }
        return w
    }
}
