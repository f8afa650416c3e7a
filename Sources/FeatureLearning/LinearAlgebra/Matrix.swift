/// A dense row-major matrix of `Double`: `rows` vectors of length `columns`, stored contiguously.
///
/// In this package a matrix's rows are vectors in R^d: neurons w_r (rows of W), noise patches xi_i
/// (rows of Xi), signal patches. Row `r` occupies `storage[r * columns ..< (r + 1) * columns]`.
public struct Matrix: Sendable, Equatable, Codable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    /// A `rows x columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from row-major storage; `storage.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix whose rows are the given vectors (all of equal length).
    public init(rowVectors: [[Double]]) {
        let columns = rowVectors.first?.count ?? 0
        precondition(rowVectors.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: rowVectors.count, columns: columns, storage: rowVectors.flatMap { $0 })
    }

    /// Element (row, column).
    /// (Hot loops index `storage` directly: in the non-whole-module debug build this subscript is not
    /// inlined across files.)
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Row `index` as a new array.
    public func row(_ index: Int) -> [Double] {
        Array(storage[index * columns ..< (index + 1) * columns])
    }

    /// Replaces row `index`.
    public mutating func setRow(_ index: Int, _ values: [Double]) {
        precondition(values.count == columns)
        storage.replaceSubrange(index * columns ..< (index + 1) * columns, with: values)
    }

    /// All rows as arrays.
    public var rowVectors: [[Double]] { (0..<rows).map(row) }

    /// The Frobenius norm squared, sum of all squared entries.
    public var squaredFrobeniusNorm: Double { storage.withUnsafeBufferPointer { dot($0.baseAddress!, $0.baseAddress!, $0.count) } }

    /// True when every entry is finite.
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }

    /// Stacks matrices with equal column counts vertically.
    public static func stacked(_ parts: [Matrix]) -> Matrix {
        let columns = parts.first?.columns ?? 0
        precondition(parts.allSatisfy { $0.columns == columns })
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, columns: columns, storage: parts.flatMap(\.storage))
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns, storage: Array(storage[range.lowerBound * columns ..< range.upperBound * columns]))
    }
}
