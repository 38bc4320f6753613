import Foundation
import Synchronization

extension RandomAccessCollection where Index == Int, Element: Sendable, Self: Sendable {
    /// `map` across the cores: consecutive chunks, a few per core so that a slow
    /// chunk does not hold the others back, merged back in order.
    func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) throws -> T) async throws -> [T] {
        let chunks = Swift.max(1, Swift.min(count / 4, ProcessInfo.processInfo.activeProcessorCount * 8))
        let size = (count + chunks - 1) / chunks
        guard count > 0 else { return [] }
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: startIndex, to: endIndex, by: size) {
                let chunk = self[start..<Swift.min(start + size, endIndex)]
                group.addTask { (start, try chunk.map(transform)) }
            }
            var results: [(Int, [T])] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// `body` on every element, one task per core, each taking the next element
    /// as soon as it is free: a long element does not hold a chunk of others back.
    func concurrentForEach(_ body: @escaping @Sendable (Element) throws -> Void) async throws {
        let next = Counter(startIndex)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<Swift.min(count, ProcessInfo.processInfo.activeProcessorCount) {
                group.addTask {
                    while case let index = next.take(), index < endIndex {
                        try body(self[index])
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The next index to take, shared by the tasks of `concurrentForEach`.
private final class Counter: Sendable {
    private let value: Atomic<Int>

    init(_ start: Int) {
        value = Atomic(start)
    }

    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
