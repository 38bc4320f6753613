import FichesCore
import Foundation

/// What asking another site for a URL gave.
public struct ExternalResult: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// A 2xx, after any redirects.
        case ok = "valide"
        /// 404, 410, other 4xx, DNS failure, refused connection, TLS failure, too many redirects or a loop.
        case broken = "cassé"
        /// 401, 403, 429, 5xx or a time-out once the retries are spent: maybe fine, maybe not.
        case unknown = "incertain"
    }

    public var outcome: Outcome
    public var status: Int?
    /// Where the redirects ended, when there were some.
    public var finalURL: String?
    /// In French: `HTTP 404`, `nom de domaine introuvable`…
    public var reason: String
    public var checkedAt: Date

    public init(outcome: Outcome, status: Int? = nil, finalURL: String? = nil, reason: String, checkedAt: Date = Date())
    {
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        self.reason = reason
        self.checkedAt = checkedAt
    }
}

extension LinkReport {
    /// Adds the outcomes of the external links: broken ones are errors, unknown
    /// ones warnings (errors when `strict`); `excluded` were skipped on purpose.
    public mutating func add(
        _ results: [String: ExternalResult], excluded: Set<String>, cached: Int = 0,
        occurrences: [String: [LinkOccurrence]], strict: Bool
    ) {
        var counts = ExternalCounts()
        counts.excluded = excluded.count
        counts.cached = cached
        for (url, result) in results {
            switch result.outcome {
            case .ok:
                counts.valid += 1
                if let finalURL = result.finalURL { redirects.append((url, finalURL)) }
                continue
            case .broken: counts.broken += 1
            case .unknown: counts.unknown += 1
            }
            let kind: LinkFinding.Kind = result.outcome == .broken ? .externalBroken : .externalUnknown
            var finding = LinkFinding(
                kind: kind, severity: kind == .externalBroken || strict ? .error : .warning, target: url)
            finding.status = result.status
            finding.finalURL = result.finalURL
            finding.detail = result.reason
            finding.occurrences = occurrences[url] ?? []
            findings.append(finding)
        }
        external = counts
        redirects.sort { $0.url < $1.url }
        sort()
    }
}
