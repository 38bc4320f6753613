import Foundation

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
}
