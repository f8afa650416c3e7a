/// Gaussian initialization w^0 ~ N(0, sigma0^2 I) (Section 2), one row per neuron.
public enum Initialization {
    /// A `neurons x dimension` matrix with i.i.d. N(0, sigma0^2) entries drawn row by row from `generator`.
    public static func gaussian(neurons: Int, dimension: Int, sigma0: Double,
                                generator: inout Xoshiro256StarStar) throws -> Matrix {
        try require(neurons >= 1, "m", "m >= 1", neurons)
        try require(dimension >= 1, "d", "d >= 1", dimension)
        try require(sigma0.isFinite && sigma0 >= 0, "sigma0", "finite and >= 0", sigma0)
        var w = Matrix(rows: neurons, columns: dimension)
        w.storage.withUnsafeMutableBufferPointer { generator.fillNormal($0.baseAddress!, count: $0.count, scale: sigma0) }
        return w
    }
}
