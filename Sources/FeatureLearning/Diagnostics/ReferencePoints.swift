import Foundation

/// The comparison points W* of the second-stage proofs, as coefficients D on the data basis
/// (W* = W^0 + D rows). Requires data drawn from the model (basis rows 0, 1 are mu_1, mu_-1).
public enum ReferencePoints {
    /// Section D.3.2: w*_jr = w^0_jr + 2 log(4/epsilon) sign(<w^0_jr, mu_j>) (mu_j + mu_-j) / ||mu||^2.
    public static func signal(_ setup: ClassificationTrajectory.Setup, epsilon: Double = 0.1) -> Matrix {
        let m = setup.width
        var d = Matrix(rows: 2 * m, columns: setup.basis.count)
        let muSquared = setup.basis.gram[0, 0]
        for row in 0..<(2 * m) {
            let ownColumn = row < m ? 0 : 1
            let sign: Double = setup.initialProducts[row, ownColumn] >= 0 ? 1 : -1
            let value = 2 * log(4 / epsilon) * sign / muSquared
            d[row, 0] = value
            d[row, 1] = value
        }
        return d
    }

    /// Section D.4.2: w*_jr = w^0_jr + 2 log(4/epsilon) sum_i 1(y_i = j) sign(<w^0_jr, xi_i>) xi_i / ||xi_i||^2.
    public static func noise(_ setup: ClassificationTrajectory.Setup, epsilon: Double = 0.1) -> Matrix {
        let m = setup.width
        var d = Matrix(rows: 2 * m, columns: setup.basis.count)
        for row in 0..<(2 * m) {
            let j = row < m ? 1 : -1
            for (i, column) in setup.basis.noiseIndex.enumerated() where setup.labels[i] == j {
                let sign: Double = setup.initialProducts[row, column] >= 0 ? 1 : -1
                d[row, column] = 2 * log(4 / epsilon) * sign / setup.basis.gram[column, column]
            }
        }
        return d
    }
}
