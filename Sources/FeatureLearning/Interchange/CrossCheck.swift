/// `evaluate` and `train` on JSON requests: the output JSON text (one object) for a valid request.
public enum CrossCheck {
    /// Loss and gradient (and optionally the Monte Carlo loss) for the request's weights and data.
    /// Diffusion: the exact expected L_F of Sec 2 including its constant; classification: L_S.
    public static func evaluate(_ request: CrossCheckRequest) throws -> String {
        switch request.model {
        case .diffusion:
            let time = request.time!
            let (loss, gradient) = DiffusionLoss.lossAndGradient(weights: request.weights, data: request.data, alpha: time.alphaT, beta: time.betaT)
            var out = "{\"loss\": \(JSONWriter.number(loss)), \"gradient\": \(JSONWriter.matrix(gradient))"
            if let samples = request.monteCarloSamples {
                var g = SeedSequence(seed: request.seed ?? 0).generator(.diffusionNoise)
                let mc = try DiffusionMonteCarlo.estimate(weights: request.weights, data: request.data, alpha: time.alphaT, beta: time.betaT,
                                                          noiseSamples: samples, generator: &g, withGradient: false)
                out += ", \"monteCarloLoss\": \(JSONWriter.number(mc.loss)), \"monteCarloStandardError\": \(JSONWriter.number(mc.standardError))"
            }
            return out + "}"
        case .classification:
            let (loss, gradient) = ClassificationObjective.lossAndGradient(weights: request.weights, data: request.data)
            let m = request.weights.rows / 2
            return "{\"loss\": \(JSONWriter.number(loss)), \"gradientPositive\": \(JSONWriter.matrix(gradient.rows(0..<m))), \"gradientNegative\": \(JSONWriter.matrix(gradient.rows(m..<(2 * m))))}"
        }
    }

    /// Signal/noise statistics of a weight matrix: max and mean over neurons and samples of
    /// |<w, x_i^(1)>| and |<w, x_i^(2)>|.
    static func statistics(products p: Matrix, basis: PatchBasis) -> (maxSignal: Double, maxNoise: Double, meanSignal: Double, meanNoise: Double) {
        var maxSignal = 0.0, maxNoise = 0.0, sumSignal = 0.0, sumNoise = 0.0
        for r in 0..<p.rows {
            for i in 0..<basis.signalIndex.count {
                let s = abs(p[r, basis.signalIndex[i]]), x = abs(p[r, basis.noiseIndex[i]])
                maxSignal = max(maxSignal, s); maxNoise = max(maxNoise, x)
                sumSignal += s; sumNoise += x
            }
        }
        let count = Double(p.rows * basis.signalIndex.count)
        return (maxSignal, maxNoise, sumSignal / count, sumNoise / count)
    }

    static func record(step: Int, loss: Double, gradientNorm: Double, products: Matrix, basis: PatchBasis) -> String {
        let s = statistics(products: products, basis: basis)
        return "{\"step\": \(step), \"loss\": \(JSONWriter.number(loss)), \"gradientNorm\": \(JSONWriter.number(gradientNorm)), \"maxSignal\": \(JSONWriter.number(s.maxSignal)), \"maxNoise\": \(JSONWriter.number(s.maxNoise)), \"meanSignal\": \(JSONWriter.number(s.meanSignal)), \"meanNoise\": \(JSONWriter.number(s.meanNoise))}"
    }

    /// Full-batch gradient descent from the given weights (diffusion on the exact expected loss), with a
    /// record every `recordEvery` steps and at the last step. Throws `divergence` on a non-finite value.
    public static func train(_ request: CrossCheckRequest) throws -> String {
        let eta = request.eta!, steps = request.steps!, every = request.recordEvery!
        var records: [String] = []
        let finalWeights: String
        switch request.model {
        case .diffusion:
            let configuration = DiffusionRunConfiguration(
                data: DataConfiguration(dimension: request.data.dimension, sampleCount: request.data.sampleCount, signalNorm: 1),
                width: request.weights.rows, sigma0: 0, eta: eta, steps: steps, recordEvery: every, diffusion: request.time!, seed: 0,
                method: .exactLiteral, stationarity: StationarityRule(absoluteTolerance: -1, relativeTolerance: -1))
            var c = configuration
            c.detectInstability = false
            let t = try DiffusionTrainer.train(data: request.data, initialWeights: request.weights, configuration: c)
            for record in t.records { records.append(Self.record(step: record.step, loss: record.loss, gradientNorm: record.gradientNorm, products: record.products, basis: t.basis)) }
            finalWeights = "\"weights\": \(JSONWriter.matrix(t.finalWeights))"
        case .classification:
            let t = try ClassificationTrainer.train(data: request.data, initialWeights: request.weights, eta: eta, steps: steps,
                                                    recordEvery: every, method: .literal)
            for record in t.records {
                let s = t.summaries[record.step]
                records.append(Self.record(step: record.step, loss: s.loss, gradientNorm: s.gradientNorm, products: record.products, basis: t.basis))
            }
            let w = t.finalWeights, m = w.rows / 2
            finalWeights = "\"weightsPositive\": \(JSONWriter.matrix(w.rows(0..<m))), \"weightsNegative\": \(JSONWriter.matrix(w.rows(m..<(2 * m))))"
        }
        return "{\"finalWeights\": {\(finalWeights)}, \"records\": [" + records.joined(separator: ", ") + "]}"
    }
}
