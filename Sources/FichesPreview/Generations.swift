import FichesCore
import Foundation
import Synchronization

/// What the preview shows now: the number of the last rebuild and, when it
/// failed, why. Pages carry the generation they were served at; the browser
/// waits for a newer one and reloads.
public struct Snapshot: Sendable, Equatable {
    public var generation: Int
    /// Empty when the site was built; otherwise the errors and warnings that stopped it.
    public var diagnostics: [Diagnostic]
    /// A problem outside the fiches (a template, the catalogue missing), in French.
    public var failure: String?

    public var isBuilt: Bool { failure == nil && !diagnostics.hasErrors }
}

/// Hands each new snapshot to everyone waiting for one.
final class Generations: Sendable {
    private struct State {
        var current: Snapshot
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Snapshot?, Never>] = [:]
        /// Waiters cancelled before they were registered.
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State(current: Snapshot(generation: 0, diagnostics: [])))

    var current: Snapshot { state.withLock { $0.current } }

    func publish(_ snapshot: Snapshot) {
        let waiters = state.withLock { state in
            state.current = snapshot
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume(returning: snapshot) }
    }

    /// Wakes every waiter with nil; later waits return nil at once.
    func close() {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    /// The first snapshot newer than `generation`; nil when closed or cancelled.
    func next(after generation: Int) async -> Snapshot? {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now: Snapshot?? = state.withLock { state in
                    if state.closed || state.cancelled.remove(id) != nil { return .some(nil) }
                    if state.current.generation > generation { return state.current }
                    state.waiters[id] = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return CheckedContinuation<Snapshot?, Never>?.none
                }
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// `next(after:)`, or nil after `timeout`.
    func next(after generation: Int, timeout: Duration) async -> Snapshot? {
        await withTaskGroup(of: Snapshot?.self) { group in
            group.addTask { await self.next(after: generation) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
