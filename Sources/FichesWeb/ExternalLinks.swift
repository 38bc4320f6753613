import FichesCore
import FichesLinks
import Foundation

extension LinkScan {
    /// Asks the network for every external URL of the site that no exclusion
    /// matches and the cache does not hold as recently valid, then adds the
    /// outcomes to the report; the cache learns the new valid ones.
    public mutating func checkExternal(
        exclusions: [LinkExclusion], cache: inout ResultCache, options: ExternalCheckOptions, strict: Bool,
        progress: @escaping @Sendable (ExternalProgress) -> Void = { _ in }
    ) async {
        var results: [String: ExternalResult] = [:]
        var excluded = Set<String>()
        var pending: [String] = []
        for url in external.keys.sorted() {
            if exclusions.contains(where: { $0.matches(url) }) {
                excluded.insert(url)
            } else if let fresh = cache.fresh(url) {
                results[url] = fresh
            } else {
                pending.append(url)
            }
        }
        let cached = results.count
        for (url, result) in await ExternalChecker(options: options).check(pending, progress: progress) {
            results[url] = result
            cache.record(url, result)
        }
        report.add(results, excluded: excluded, cached: cached, occurrences: external, strict: strict)
    }
}
