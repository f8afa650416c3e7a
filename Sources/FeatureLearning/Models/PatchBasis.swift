/// The span the training data live in, as a list of distinct patch vectors (rows of `rows`), with each
/// sample's signal patch and noise patch given by an index into that list.
///
/// For data drawn from the model only two signal patches exist, so the basis is
/// [mu_1; mu_-1; xi_1; ...; xi_n] (n + 2 rows); for arbitrary patches it is [x_1^(1); ...; x_n^(1);
/// xi_1; ...; xi_n] (2n rows). Gradient descent on either network only ever adds combinations of these
/// rows to the weights, which is what makes the Gram-matrix trainer exact.
public struct PatchBasis: Sendable {
    /// q x d.
    public let rows: Matrix
    /// Row of the signal patch x_i^(1) of sample i.
    public let signalIndex: [Int]
    /// Row of the noise patch xi_i of sample i.
    public let noiseIndex: [Int]
    /// The Gram matrix rows rows^T (q x q); empty (0 x 0) when built with `computeGram: false`.
    public let gram: Matrix

    /// The basis of a data set (uses the two signal vectors when the data came from the model).
    /// `computeGram: false` skips the O(q^2 d) Gram matrix, which only the trainers need.
    public init(_ data: TwoPatchDataset, computeGram: Bool = true) {
        let n = data.sampleCount
        if let signals = data.signals {
            rows = Matrix.stacked([signals, data.noisePatches])
            signalIndex = data.labels.map { $0 == 1 ? 0 : 1 }
            noiseIndex = (0..<n).map { 2 + $0 }
        } else {
            rows = Matrix.stacked([data.signalPatches, data.noisePatches])
            signalIndex = Array(0..<n)
            noiseIndex = (0..<n).map { n + $0 }
        }
        gram = computeGram ? innerProducts(rows, rows) : Matrix(rows: 0, columns: 0)
    }

    /// q.
    public var count: Int { rows.rows }
}
