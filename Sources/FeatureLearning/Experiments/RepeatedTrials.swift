import Dispatch

/// Runs independent trials of a random experiment on both cores, each trial with its own seed
/// sequence `seeds.repetition(trial)`, so results do not depend on scheduling.
public enum RepeatedTrials {
    /// `body(trial, seeds)` for trial = 0..<count, results in trial order.
    public static func map<T: Sendable>(_ count: Int, seeds: SeedSequence, _ body: @Sendable (Int, SeedSequence) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        let workers = min(2, max(1, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var trial = worker
            while trial < count {
                box.set(trial, body(trial, seeds.repetition(UInt64(trial))))
                trial += workers
            }
        }
        return box.values()
    }

    /// The Clopper–Pearson summary of `count` trials of "the claim is violated" (`violated` returns true).
    public static func violationRate(_ count: Int, seeds: SeedSequence, delta: Double, confidence: Double = 1 - 1e-6,
                                     _ violated: @Sendable (Int, SeedSequence) -> Bool) -> ViolationRate {
        let outcomes = map(count, seeds: seeds, violated)
        return ClopperPearson.violationRate(violations: outcomes.filter { $0 }.count, trials: count, delta: delta, confidence: confidence)
    }
}

/// A fixed-size result array written from several threads at distinct indices.
final class ResultBox<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLockLike()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { storage[index] = value } }
    func values() -> [T] { lock.withLock { storage.map { $0! } } }
}

/// A minimal mutex on pthread, to avoid importing Foundation here.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

#if canImport(Glibc)
import Glibc
#endif
