/// The few hot kernels, on raw pointers so that they vectorize in the optimized library build.
///
/// Costs are in multiply-adds. All sums run left to right in fixed blocks, so results are
/// bit-identical from run to run on the same machine.

/// The inner product sum_k a[k] b[k] of two length-`count` vectors. Cost `count`.
@inlinable
public func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var k = 0
    let raw_a = UnsafeRawPointer(a), raw_b = UnsafeRawPointer(b)
    while k + 8 <= count {
        s0 += raw_a.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            * raw_b.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
        s1 += raw_a.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
            * raw_b.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
        k &+= 8
    }
    var total = (s0 + s1).sum()
    while k < count { total += a[k] * b[k]; k &+= 1 }
    return total
}

/// `y += alpha * x` for length-`count` vectors. Cost `count`.
@inlinable
public func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
    for k in 0..<count { y[k] += alpha * x[k] }
}

/// The inner products `A B^T`: entry (p, q) is <row p of A, row q of B>. A is P x d, B is Q x d.
/// Cost P Q d, computed in 2 x 4 register blocks.
public func innerProducts(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.columns, "inner products need equal row lengths")
    var result = Matrix(rows: a.rows, columns: b.rows)
    let d = a.columns
    a.storage.withUnsafeBufferPointer { aBuffer in
        b.storage.withUnsafeBufferPointer { bBuffer in
            result.storage.withUnsafeMutableBufferPointer { out in
                innerProductsKernel(aBuffer.baseAddress!, a.rows, bBuffer.baseAddress!, b.rows, d, out.baseAddress!)
            }
        }
    }
    return result
}

@usableFromInline
func innerProductsKernel(_ a: UnsafePointer<Double>, _ p: Int, _ b: UnsafePointer<Double>, _ q: Int, _ d: Int,
                         _ out: UnsafeMutablePointer<Double>) {
    let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
    var row = 0
    while row < p {
        let twoRows = row + 1 < p
        var col = 0
        while col < q {
            let width = min(4, q - col)
            if twoRows && width == 4 {
                var acc = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(),
                           SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
                let a0 = row * d * 8, a1 = (row + 1) * d * 8
                let b0 = col * d * 8, b1 = (col + 1) * d * 8, b2 = (col + 2) * d * 8, b3 = (col + 3) * d * 8
                var k = 0
                while k + 4 <= d {
                    let o = k * 8
                    let x0 = rawA.loadUnaligned(fromByteOffset: a0 + o, as: SIMD4<Double>.self)
                    let x1 = rawA.loadUnaligned(fromByteOffset: a1 + o, as: SIMD4<Double>.self)
                    let y0 = rawB.loadUnaligned(fromByteOffset: b0 + o, as: SIMD4<Double>.self)
                    let y1 = rawB.loadUnaligned(fromByteOffset: b1 + o, as: SIMD4<Double>.self)
                    let y2 = rawB.loadUnaligned(fromByteOffset: b2 + o, as: SIMD4<Double>.self)
                    let y3 = rawB.loadUnaligned(fromByteOffset: b3 + o, as: SIMD4<Double>.self)
                    acc.0 += x0 * y0; acc.1 += x0 * y1; acc.2 += x0 * y2; acc.3 += x0 * y3
                    acc.4 += x1 * y0; acc.5 += x1 * y1; acc.6 += x1 * y2; acc.7 += x1 * y3
                    k += 4
                }
                var r = [acc.0.sum(), acc.1.sum(), acc.2.sum(), acc.3.sum(),
                         acc.4.sum(), acc.5.sum(), acc.6.sum(), acc.7.sum()]
                while k < d {
                    let x0 = a[row * d + k], x1 = a[(row + 1) * d + k]
                    for c in 0..<4 {
                        let y = b[(col + c) * d + k]
                        r[c] += x0 * y
                        r[4 + c] += x1 * y
                    }
                    k += 1
                }
                for c in 0..<4 {
                    out[row * q + col + c] = r[c]
                    out[(row + 1) * q + col + c] = r[4 + c]
                }
            } else {
                for rr in row..<(twoRows ? row + 2 : row + 1) {
                    for c in col..<(col + width) {
                        out[rr * q + c] = dot(a + rr * d, b + c * d, d)
                    }
                }
            }
            col += width
        }
        row += twoRows ? 2 : 1
    }
}

/// `C += coefficients * B`: row p of C gains sum_q coefficients[p, q] * (row q of B).
/// C is P x d, coefficients P x Q, B is Q x d. Cost P Q d, four rows of B per pass.
public func addProduct(_ coefficients: Matrix, _ b: Matrix, into c: inout Matrix) {
    precondition(coefficients.columns == b.rows && coefficients.rows == c.rows && b.columns == c.columns)
    let d = b.columns, q = b.rows
    coefficients.storage.withUnsafeBufferPointer { coeff in
        b.storage.withUnsafeBufferPointer { bBuffer in
            c.storage.withUnsafeMutableBufferPointer { cBuffer in
                let rawB = UnsafeRawPointer(bBuffer.baseAddress!)
                let cBase = cBuffer.baseAddress!
                let rawC = UnsafeMutableRawPointer(cBase)
                for p in 0..<coefficients.rows {
                    var col = 0
                    while col < q {
                        let width = min(4, q - col)
                        let k0 = coeff[p * q + col]
                        let k1 = width > 1 ? coeff[p * q + col + 1] : 0
                        let k2 = width > 2 ? coeff[p * q + col + 2] : 0
                        let k3 = width > 3 ? coeff[p * q + col + 3] : 0
                        let cRow = p * d * 8
                        let b0 = col * d * 8
                        let b1 = (width > 1 ? col + 1 : col) * d * 8
                        let b2 = (width > 2 ? col + 2 : col) * d * 8
                        let b3 = (width > 3 ? col + 3 : col) * d * 8
                        var k = 0
                        while k + 4 <= d {
                            let o = k * 8
                            var acc = rawC.loadUnaligned(fromByteOffset: cRow + o, as: SIMD4<Double>.self)
                            acc += k0 * rawB.loadUnaligned(fromByteOffset: b0 + o, as: SIMD4<Double>.self)
                            acc += k1 * rawB.loadUnaligned(fromByteOffset: b1 + o, as: SIMD4<Double>.self)
                            acc += k2 * rawB.loadUnaligned(fromByteOffset: b2 + o, as: SIMD4<Double>.self)
                            acc += k3 * rawB.loadUnaligned(fromByteOffset: b3 + o, as: SIMD4<Double>.self)
                            rawC.storeBytes(of: acc, toByteOffset: cRow + o, as: SIMD4<Double>.self)
                            k += 4
                        }
                        while k < d {
                            var value = cBase[p * d + k]
                            value += k0 * bBuffer[col * d + k]
                            if width > 1 { value += k1 * bBuffer[(col + 1) * d + k] }
                            if width > 2 { value += k2 * bBuffer[(col + 2) * d + k] }
                            if width > 3 { value += k3 * bBuffer[(col + 3) * d + k] }
                            cBase[p * d + k] = value
                            k += 1
                        }
                        col += width
                    }
                }
            }
        }
    }
}

/// `out += a b` (plain matrix product; a is R x K, b is K x T, out is R x T). Cost R K T, one axpy per
/// non-zero entry of a.
public func addMatrixProduct(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
    precondition(a.columns == b.rows && out.rows == a.rows && out.columns == b.columns)
    let k = a.columns, columns = b.columns
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            out.storage.withUnsafeMutableBufferPointer { op in
                for row in 0..<a.rows {
                    for inner in 0..<k {
                        let coefficient = ap[row * k + inner]
                        if coefficient == 0 { continue }
                        axpy(coefficient, bp.baseAddress! + inner * columns, op.baseAddress! + row * columns, columns)
                    }
                }
            }
        }
    }
}

/// Vector helpers on arrays (not hot).
public enum Vector {
    /// <a, b>.
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            FeatureLearning.dot(x.baseAddress!, y.baseAddress!, a.count) } }
    }
    /// ||a||^2.
    public static func squaredNorm(_ a: [Double]) -> Double { dot(a, a) }
    /// ||a||.
    public static func norm(_ a: [Double]) -> Double { squaredNorm(a).squareRoot() }
    /// a scaled by s.
    public static func scaled(_ a: [Double], _ s: Double) -> [Double] { a.map { $0 * s } }
    /// a - b.
    public static func difference(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
}
