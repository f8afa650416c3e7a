/// A labelled two-patch data set x_i = [x_i^(1), x_i^(2)] (Definition 2.1).
///
/// The patches are stored as given, so the same type holds generated data (x^(1) = mu_{y_i},
/// x^(2) = xi_i) and arbitrary patches read from JSON (no orthogonality assumed).
public struct TwoPatchDataset: Sendable, Equatable {
    /// Row i is the signal patch x_i^(1).
    public var signalPatches: Matrix
    /// Row i is the noise patch x_i^(2) = xi_i.
    public var noisePatches: Matrix
    /// y_i in {+1, -1}.
    public var labels: [Int]
    /// Row 0 is mu_1, row 1 is mu_-1, when the data came from the model; nil for arbitrary patches.
    public var signals: Matrix?

    /// Validates shapes, labels and finiteness.
    public init(signalPatches: Matrix, noisePatches: Matrix, labels: [Int], signals: Matrix? = nil) throws {
        guard signalPatches.rows == labels.count, noisePatches.rows == labels.count else {
            throw FeatureLearningError.shapeMismatch(field: "patches", expected: "\(labels.count) rows (one per label)",
                                                     actual: "\(signalPatches.rows) signal rows, \(noisePatches.rows) noise rows")
        }
        guard signalPatches.columns == noisePatches.columns else {
            throw FeatureLearningError.shapeMismatch(field: "noisePatches", expected: "\(signalPatches.columns) columns",
                                                     actual: "\(noisePatches.columns) columns")
        }
        try require(!labels.isEmpty, "n", "n >= 1", 0)
        if let bad = labels.first(where: { $0 != 1 && $0 != -1 }) {
            throw FeatureLearningError.invalidParameter(parameter: "labels", constraint: "each label in {1, -1}", value: "\(bad)")
        }
        guard signalPatches.isFinite, noisePatches.isFinite else {
            throw FeatureLearningError.invalidParameter(parameter: "patches", constraint: "all entries finite", value: "non-finite entry")
        }
        self.signalPatches = signalPatches
        self.noisePatches = noisePatches
        self.labels = labels
        self.signals = signals
    }

    /// n.
    public var sampleCount: Int { labels.count }
    /// d.
    public var dimension: Int { signalPatches.columns }

    /// S_y = {i : y_i = y} (Appendix C).
    public func classIndices(_ y: Int) -> [Int] { labels.indices.filter { labels[$0] == y } }

    /// mu_y (row 0 for y = 1, row 1 for y = -1), if known.
    public func signal(_ y: Int) -> [Double]? { signals?.row(y == 1 ? 0 : 1) }

    /// Draws a data set. Labels, noise and (for `.randomOrthogonal`) the signal directions come from
    /// separate substreams of `seeds`, with `purpose` selecting training or test data.
    ///
    /// Definition 2.1 noise: draw g ~ N(0, sigma_xi^2 I) and return g - <g, u_1> u_1 - <g, u_-1> u_-1
    /// with u_y = mu_y / ||mu||; since u_1 perp u_-1 this is exactly the projection, so
    /// xi ~ N(0, sigma_xi^2 (I - P_mu1 - P_mu-1)).
    public static func generate(_ configuration: DataConfiguration, seeds: SeedSequence,
                                purpose: StreamPurpose = .trainingData, sampleCount: Int? = nil) throws -> TwoPatchDataset {
        try configuration.validate()
        let n = sampleCount ?? configuration.sampleCount
        try require(n >= 1, "n", "n >= 1", n)
        let d = configuration.dimension
        let signals = signalVectors(configuration, seeds: seeds)
        var labelStream = seeds.generator(purpose, index: 0)
        var noiseStream = seeds.generator(purpose, index: 1)
        let labels = (0..<n).map { _ in labelStream.nextSign() }
        var signalPatches = Matrix(rows: n, columns: d)
        var noise = Matrix(rows: n, columns: d)
        let unit1 = Vector.scaled(signals.row(0), 1 / configuration.signalNorm)
        let unit2 = Vector.scaled(signals.row(1), 1 / configuration.signalNorm)
        for i in 0..<n {
            signalPatches.setRow(i, signals.row(labels[i] == 1 ? 0 : 1))
            var g = [Double](repeating: 0, count: d)
            g.withUnsafeMutableBufferPointer { noiseStream.fillNormal($0.baseAddress!, count: d, scale: configuration.sigmaXi) }
            if configuration.noiseModel == .projected {
                let c1 = Vector.dot(g, unit1), c2 = Vector.dot(g, unit2)
                for k in 0..<d { g[k] -= c1 * unit1[k] + c2 * unit2[k] }
            }
            noise.setRow(i, g)
        }
        return try TwoPatchDataset(signalPatches: signalPatches, noisePatches: noise, labels: labels, signals: signals)
    }

    /// mu_1 and mu_-1 as rows 0 and 1: coordinate axes, or Gram–Schmidt on two Gaussian vectors.
    public static func signalVectors(_ configuration: DataConfiguration, seeds: SeedSequence) -> Matrix {
        let d = configuration.dimension, norm = configuration.signalNorm
        var result = Matrix(rows: 2, columns: d)
        switch configuration.signalBasis {
        case .axes:
            result[0, 0] = norm
            result[1, 1] = norm
        case .randomOrthogonal:
            var stream = seeds.generator(.signalDirections)
            var a = (0..<d).map { _ in stream.nextStandardNormal() }
            var b = (0..<d).map { _ in stream.nextStandardNormal() }
            a = Vector.scaled(a, 1 / Vector.norm(a))
            // Two passes of Gram–Schmidt for orthogonality to rounding.
            for _ in 0..<2 {
                let c = Vector.dot(a, b)
                b = zip(b, a).map { $0 - c * $1 }
            }
            b = Vector.scaled(b, 1 / Vector.norm(b))
            result.setRow(0, Vector.scaled(a, norm))
            result.setRow(1, Vector.scaled(b, norm))
        }
        return result
    }

    /// Checks the Definition 2.1 requirements on given signals: mu_1 perp mu_-1 and ||mu_1|| = ||mu_-1||,
    /// each to relative tolerance `tolerance` (default 1e-10, far above rounding for d <= 10^6).
    public static func validateSignals(_ mu1: [Double], _ muMinus1: [Double], tolerance: Double = 1e-10) throws {
        guard mu1.count == muMinus1.count else {
            throw FeatureLearningError.shapeMismatch(field: "mu_-1", expected: "\(mu1.count) entries", actual: "\(muMinus1.count) entries")
        }
        let n1 = Vector.norm(mu1), n2 = Vector.norm(muMinus1)
        guard n1 > 0, n2 > 0, n1.isFinite, n2.isFinite else { throw FeatureLearningError.invalidSignals(reason: "signals must be non-zero and finite") }
        if abs(n1 - n2) > tolerance * max(n1, n2) {
            throw FeatureLearningError.invalidSignals(reason: "||mu_1|| = \(n1) differs from ||mu_-1|| = \(n2) (equal norms required)")
        }
        let cosine = Vector.dot(mu1, muMinus1) / (n1 * n2)
        if abs(cosine) > tolerance {
            throw FeatureLearningError.invalidSignals(reason: "mu_1 and mu_-1 not orthogonal: cosine \(cosine)")
        }
    }
}
