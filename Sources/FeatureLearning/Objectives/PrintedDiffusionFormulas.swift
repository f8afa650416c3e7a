/// Lemmas E.2 and E.3 implemented exactly as printed in the paper, term by term, so that the tests can
/// compare them with the derived closed form (`DiffusionLoss`). Not used for training.
public enum PrintedDiffusionFormulas {
    /// Lemma E.2 as printed: L = (1/2n) sum_i sum_j (d + L1_i^(j) + L2_i^(j)) with
    /// L1 = (1/m) sum_r ||w_r||^2 (a^4 u_r^4 + 6 a^2 b^2 u_r^2 ||w_r||^2 + 3 b^4 ||w_r||^4 - 4 sqrt(m) a b u_r),
    /// L2 = (2/m) sum_r sum_{r' != r} <w_r, w_r'> ((a^2 u_r^2 + b^2 ||w_r||^2)(a^2 u_r'^2 + b^2 ||w_r'||^2)
    ///       + 2 b^4 <w_r, w_r'>^2 + 4 a^2 b^2 u_r u_r' <w_r, w_r'>).
    ///
    /// `crossFactor` is the printed 2 in front of L2; 1 gives the corrected lemma (the double sum over
    /// r' != r already counts each pair twice).
    public static func lemmaE2(weights w: Matrix, data: TwoPatchDataset, alpha a: Double, beta b: Double, crossFactor: Double = 2) -> Double {
        let basis = PatchBasis(data)
        let p = innerProducts(w, basis.rows), g = innerProducts(w, w)
        let m = w.rows, mm = Double(m), d = Double(w.columns)
        var total = 0.0
        for column in DiffusionLoss.pairs(basis) {
            var l1 = 0.0, l2 = 0.0
            for r in 0..<m {
                let u = p[r, column], s = g[r, r]
                l1 += s * (pow4(a) * pow4(u) + 6 * a * a * b * b * u * u * s + 3 * pow4(b) * s * s - 4 * mm.squareRoot() * a * b * u)
                for q in 0..<m where q != r {
                    let v = p[q, column], c = g[r, q]
                    l2 += c * ((a * a * u * u + b * b * s) * (a * a * v * v + b * b * g[q, q]) + 2 * pow4(b) * c * c + 4 * a * a * b * b * u * v * c)
                }
            }
            total += d + l1 / mm + crossFactor * l2 / mm
        }
        return total / Double(2 * data.sampleCount)
    }

    /// Lemma E.3 as printed: grad = (1/2n) sum_i sum_p (grad L1 + grad L2) with
    /// grad L1(w_r) = (2/m)(a^4 u^4 + 12 a^2 b^2 u^2 ||w||^2 + 9 b^4 ||w||^4 - 4 sqrt(m) a b u) w_r
    ///              + (2/m)(2 a^4 u^3 ||w||^2 + 6 a^2 b^2 ||w||^4 u - 2 sqrt(m) a b ||w||^2) x,
    /// grad L2(w_r) = (2/m) sum_{r'!=r} [(A_r A_r' + 2 b^4 G^2 + 4 a^2 b^2 u_r u_r' G) w_r'
    ///              + A_r' G (2 a^2 u_r x + 2 b^2 w_r) + G^2 (4 b^2 w_r' + 8 a^2 b^2 u_r x)],
    /// A_r = a^2 u_r^2 + b^2 ||w_r||^2, G = <w_r, w_r'>.
    ///
    /// `corrected: true` applies the three corrections found by the tests (with the 2/m prefactor, which
    /// is right for the corrected Lemma E.2): the G^2 w_r' coefficient is 4 b^4 (printed 4 b^2), the
    /// G^2 x term is 4 a^2 b^2 u_r' x (printed 8 a^2 b^2 u_r x), and the term 4 a^2 b^2 u_r u_r' G w_r'
    /// (from differentiating u_r inside the bracket) is added.
    public static func lemmaE3(weights w: Matrix, data: TwoPatchDataset, alpha a: Double, beta b: Double, corrected: Bool = false) -> Matrix {
        let basis = PatchBasis(data)
        let p = innerProducts(w, basis.rows), g = innerProducts(w, w)
        let m = w.rows, mm = Double(m), rootM = mm.squareRoot()
        var k = Matrix(rows: m, columns: m), coefficients = Matrix(rows: m, columns: basis.count)
        let scale = 1 / Double(2 * data.sampleCount)
        let a2 = a * a, b2 = b * b, b4 = b2 * b2
        for column in DiffusionLoss.pairs(basis) {
            for r in 0..<m {
                let u = p[r, column], s = g[r, r]
                k[r, r] += scale * (2 / mm) * (pow4(a) * pow4(u) + 12 * a2 * b2 * u * u * s + 9 * b4 * s * s - 4 * rootM * a * b * u)
                coefficients[r, column] += scale * (2 / mm) * (2 * pow4(a) * u * u * u * s + 6 * a2 * b2 * s * s * u - 2 * rootM * a * b * s)
                let aR = a2 * u * u + b2 * s
                for q in 0..<m where q != r {
                    let v = p[q, column], c = g[r, q], aQ = a2 * v * v + b2 * g[q, q]
                    k[r, q] += scale * (2 / mm) * (aR * aQ + 2 * b4 * c * c + 4 * a2 * b2 * u * v * c)
                    coefficients[r, column] += scale * (2 / mm) * aQ * c * 2 * a2 * u
                    k[r, r] += scale * (2 / mm) * aQ * c * 2 * b2
                    if corrected {
                        k[r, q] += scale * (2 / mm) * (c * c * 4 * b4 + 4 * a2 * b2 * u * v * c)
                        coefficients[r, column] += scale * (2 / mm) * c * c * 4 * a2 * b2 * v
                    } else {
                        k[r, q] += scale * (2 / mm) * c * c * 4 * b2
                        coefficients[r, column] += scale * (2 / mm) * c * c * 8 * a2 * b2 * u
                    }
                }
            }
        }
        var out = Matrix(rows: m, columns: w.columns)
        addProduct(k, w, into: &out)
        addProduct(coefficients, basis.rows, into: &out)
        return out
    }

    @inlinable static func pow4(_ x: Double) -> Double { let y = x * x; return y * y }
}
