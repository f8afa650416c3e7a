/// Computes each trajectory once per process and shares it: tests, the report and the JSON commands
/// read trajectories from here instead of retraining. Keyed by the full run configuration. Concurrent
/// requests for the same key wait for the first computation instead of duplicating it.
public final class TrajectoryCache: @unchecked Sendable {
    public static let shared = TrajectoryCache()

    private let lock = NSLockLike()
    private var classification: [ClassificationRunConfiguration: Entry<ClassificationTrajectory>] = [:]
    private var diffusion: [DiffusionRunConfiguration: Entry<DiffusionTrajectory>] = [:]

    final class Entry<T>: @unchecked Sendable {
        let condition = NSLockLike()
        var value: Result<T, Error>?
    }

    /// Number of trajectories computed so far (not served from the cache).
    public private(set) var computedCount = 0

    /// The classification trajectory for `configuration`, computed on first request.
    public func classification(_ configuration: ClassificationRunConfiguration) throws -> ClassificationTrajectory {
        try value(\.classification, configuration) { try ClassificationTrainer.run(configuration) }
    }

    /// The diffusion trajectory for `configuration`, computed on first request with the step-size
    /// rule of `DiffusionTrainer.runSelectingStepSize` (the trajectory's configuration holds the eta used).
    public func diffusion(_ configuration: DiffusionRunConfiguration) throws -> DiffusionTrajectory {
        try value(\.diffusion, configuration) {
            configuration.selectStepSize ? try DiffusionTrainer.runSelectingStepSize(configuration) : try DiffusionTrainer.run(configuration)
        }
    }

    private func value<K: Hashable, T>(_ table: ReferenceWritableKeyPath<TrajectoryCache, [K: Entry<T>]>, _ key: K, _ compute: () throws -> T) throws -> T {
        let entry: Entry<T> = lock.withLock {
            if let existing = self[keyPath: table][key] { return existing }
            let created = Entry<T>()
            self[keyPath: table][key] = created
            return created
        }
        return try entry.condition.withLock {
            if let value = entry.value { return try value.get() }
            let result = Result { try compute() }
            entry.value = result
            lock.withLock { computedCount += 1 }
            return try result.get()
        }
    }
}
