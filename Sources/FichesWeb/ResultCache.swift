import FichesLinks
import Foundation

/// The external links found valid recently, in `.fiches-cache/liens-externes.json`,
/// so the next run asks the network only for new or expired URLs. Only valid
/// results are kept: a broken or unknown link is asked again every time.
public struct ResultCache: Sendable {
    public static let fileName = "liens-externes.json"

    private struct Document: Codable {
        var format = 1
        var resultats: [String: ExternalResult]
    }

    let file: URL
    let maxAge: TimeInterval
    private(set) var entries: [String: ExternalResult]

    /// Reads the cache in `folder`; a missing or unreadable file is an empty cache.
    public init(folder: String, maxAge: TimeInterval) {
        file = URL(fileURLWithPath: folder).appendingPathComponent(Self.fileName)
        self.maxAge = maxAge
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        entries =
            (try? Data(contentsOf: file)).flatMap { try? decoder.decode(Document.self, from: $0) }?.resultats ?? [:]
    }

    /// A valid result younger than the maximum age.
    public func fresh(_ url: String, now: Date = Date()) -> ExternalResult? {
        guard let result = entries[url], result.outcome == .ok,
            now.timeIntervalSince(result.checkedAt) < maxAge
        else { return nil }
        return result
    }

    public mutating func record(_ url: String, _ result: ExternalResult) {
        entries[url] = result.outcome == .ok ? result : nil
    }

    /// Writes the cache, dropping expired entries; the file is replaced in one step.
    public func save(now: Date = Date()) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let kept = entries.filter { now.timeIntervalSince($0.value.checkedAt) < maxAge }
        try encoder.encode(Document(resultats: kept)).write(to: file, options: .atomic)
    }
}
