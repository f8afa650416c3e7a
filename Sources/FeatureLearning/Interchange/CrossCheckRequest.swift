/// The JSON input of `feature-learning evaluate` and `train` (see README): the model, its weights and
/// the data, validated with messages that name the field and the expected shape.
public struct CrossCheckRequest: Sendable {
    public enum Model: String, Sendable { case diffusion, classification }

    public var model: Model
    /// Diffusion: m x d. Classification: 2m x d, rows 0..<m from `weightsPositive`, m..<2m from `weightsNegative`.
    public var weights: Matrix
    public var data: TwoPatchDataset
    public var time: DiffusionTime?
    public var monteCarloSamples: Int?
    public var seed: UInt64?
    public var eta: Double?
    public var steps: Int?
    public var recordEvery: Int?

    /// Parses and validates a request. `training` additionally requires eta > 0, steps >= 0, recordEvery >= 1.
    public init(json: JSONValue, training: Bool) throws {
        guard case let .object(fields) = json else { throw FeatureLearningError.malformedInput(reason: "the input must be a JSON object") }
        guard let modelValue = fields["model"] else { throw Self.missing("model") }
        guard case let .string(modelName) = modelValue else { throw FeatureLearningError.malformedInput(reason: "field model must be a string") }
        guard let model = Model(rawValue: modelName) else {
            throw FeatureLearningError.malformedInput(reason: "unknown model \"\(modelName)\" (expected \"diffusion\" or \"classification\")")
        }
        self.model = model
        let signal = try Self.matrix(fields, "signalPatches", rows: nil, columns: nil)
        let n = signal.rows, d = signal.columns
        guard n >= 1 else { throw FeatureLearningError.shapeMismatch(field: "signalPatches", expected: "n >= 1 rows", actual: "0 rows") }
        guard d >= 1 else { throw FeatureLearningError.shapeMismatch(field: "signalPatches", expected: "d >= 1 columns", actual: "0 columns") }
        let noise = try Self.matrix(fields, "noisePatches", rows: n, columns: d)
        let labels = try Self.labels(fields, count: n)
        data = try TwoPatchDataset(signalPatches: signal, noisePatches: noise, labels: labels)
        switch model {
        case .diffusion:
            weights = try Self.matrix(fields, "weights", rows: nil, columns: d)
            guard weights.rows >= 1 else { throw FeatureLearningError.shapeMismatch(field: "weights", expected: "m >= 1 rows of \(d) numbers", actual: "0 rows") }
            let alpha = try Self.number(fields, "alpha"), beta = try Self.number(fields, "beta")
            time = DiffusionTime(alphaT: alpha, betaT: beta)
            if let samples = fields["monteCarloSamples"] {
                guard case let .number(value) = samples, value == value.rounded(), value >= 2, value <= 1e7 else {
                    throw FeatureLearningError.invalidParameter(parameter: "monteCarloSamples", constraint: "an integer in [2, 1e7]", value: "\(samples)")
                }
                monteCarloSamples = Int(value)
                if let seedValue = fields["seed"] {
                    guard case let .number(s) = seedValue, s == s.rounded(), s >= 0, s < 1.8e19 else {
                        throw FeatureLearningError.invalidParameter(parameter: "seed", constraint: "a non-negative integer", value: "\(seedValue)")
                    }
                    seed = UInt64(s)
                } else {
                    seed = 0
                }
            }
        case .classification:
            let positive = try Self.matrix(fields, "weightsPositive", rows: nil, columns: d)
            let negative = try Self.matrix(fields, "weightsNegative", rows: positive.rows, columns: d)
            guard positive.rows >= 1 else { throw FeatureLearningError.shapeMismatch(field: "weightsPositive", expected: "m >= 1 rows of \(d) numbers", actual: "0 rows") }
            weights = Matrix.stacked([positive, negative])
        }
        if training {
            let eta = try Self.number(fields, "eta")
            guard eta > 0 else { throw FeatureLearningError.invalidParameter(parameter: "eta", constraint: "eta > 0", value: "\(eta)") }
            self.eta = eta
            let steps = try Self.number(fields, "steps")
            guard steps >= 0, steps == steps.rounded(), steps <= 1e9 else { throw FeatureLearningError.invalidParameter(parameter: "steps", constraint: "an integer >= 0", value: "\(steps)") }
            self.steps = Int(steps)
            let every = fields["recordEvery"] == nil ? 1 : try Self.number(fields, "recordEvery")
            guard every >= 1, every == every.rounded(), every <= 1e9 else { throw FeatureLearningError.invalidParameter(parameter: "recordEvery", constraint: "an integer >= 1", value: "\(every)") }
            recordEvery = Int(every)
        }
    }

    static func missing(_ field: String) -> FeatureLearningError { .malformedInput(reason: "missing field \(field)") }

    static func number(_ fields: [String: JSONValue], _ name: String) throws -> Double {
        guard let value = fields[name] else { throw missing(name) }
        guard case let .number(x) = value else { throw FeatureLearningError.malformedInput(reason: "field \(name) must be a number") }
        guard x.isFinite else { throw FeatureLearningError.invalidParameter(parameter: name, constraint: "finite", value: "\(x)") }
        return x
    }

    /// A list of rows of numbers; `rows` / `columns` nil means "any" (but all rows equal).
    static func matrix(_ fields: [String: JSONValue], _ name: String, rows: Int?, columns: Int?) throws -> Matrix {
        guard let value = fields[name] else { throw missing(name) }
        let expected = "[\(rows.map(String.init) ?? "n") rows] x [\(columns.map(String.init) ?? "d") numbers]"
        let rowValues: [[Double]]
        switch value {
        case let .array(items):
            rowValues = try items.enumerated().map { index, item in
                guard case let .numbers(numbers) = item else {
                    throw FeatureLearningError.shapeMismatch(field: "\(name)[\(index)]", expected: "an array of numbers (shape \(expected))", actual: "\(item)".prefix(60).description)
                }
                return numbers
            }
        case let .numbers(numbers) where numbers.isEmpty:
            rowValues = []
        default:
            throw FeatureLearningError.shapeMismatch(field: name, expected: "an array of arrays of numbers, shape \(expected)", actual: "a flat array or other value")
        }
        if let rows, rowValues.count != rows {
            throw FeatureLearningError.shapeMismatch(field: name, expected: expected, actual: "\(rowValues.count) rows")
        }
        let width = columns ?? rowValues.first?.count ?? 0
        if let bad = rowValues.firstIndex(where: { $0.count != width }) {
            throw FeatureLearningError.shapeMismatch(field: "\(name)[\(bad)]", expected: "\(width) numbers (shape \(expected))", actual: "\(rowValues[bad].count) numbers")
        }
        var storage = [Double]()
        storage.reserveCapacity(rowValues.count * width)
        for row in rowValues { storage.append(contentsOf: row) }
        if let bad = storage.firstIndex(where: { !$0.isFinite }) {
            throw FeatureLearningError.invalidParameter(parameter: name, constraint: "all numbers finite", value: "\(storage[bad]) at row \(bad / max(width, 1))")
        }
        return Matrix(rows: rowValues.count, columns: width, storage: storage)
    }

    static func labels(_ fields: [String: JSONValue], count: Int) throws -> [Int] {
        guard let value = fields["labels"] else { throw missing("labels") }
        guard case let .numbers(numbers) = value else { throw FeatureLearningError.shapeMismatch(field: "labels", expected: "an array of \(count) numbers in {1, -1}", actual: "another value") }
        guard numbers.count == count else { throw FeatureLearningError.shapeMismatch(field: "labels", expected: "\(count) labels (one per row of signalPatches)", actual: "\(numbers.count) labels") }
        if let bad = numbers.first(where: { $0 != 1 && $0 != -1 }) {
            throw FeatureLearningError.invalidParameter(parameter: "labels", constraint: "each label in {1, -1}", value: "\(bad)")
        }
        return numbers.map { Int($0) }
    }
}
