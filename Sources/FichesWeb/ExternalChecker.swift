import AsyncHTTPClient
import FichesLinks
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// How politely and how long the external links are asked for.
public struct ExternalCheckOptions: Sendable {
    /// Requests in flight at once, all hosts together.
    public var concurrency = 16
    /// Requests in flight to one host, and the least time between two starts there.
    public var perHost = 2
    public var hostInterval: Duration = .milliseconds(200)
    /// For each request, until the response's head has arrived.
    public var timeout: Duration = .seconds(10)
    /// Further tries after a 429, a 5xx, a time-out or a dropped connection.
    public var retries = 2
    /// The wait before the first retry, doubled for each next one, unless the
    /// server's `Retry-After` says otherwise (a longer wait than `maxRetryAfter` is not made).
    public var backoff: Duration = .milliseconds(500)
    public var maxRetryAfter: Duration = .seconds(30)
    public var maxRedirects = 10
    public var userAgent = "fiches-links/1.0 (link checker of the Walloon catalogue of social-cohesion practices)"

    public init() {}
}

/// Where a run stands, for the progress line.
public struct ExternalProgress: Sendable {
    public var done: Int
    public var total: Int
    public var broken: Int
}

/// Asks other sites for the URLs the catalogue links to: HEAD first, GET when
/// HEAD is refused; redirects followed by hand, so loops and their end are known.
public struct ExternalChecker: Sendable {
    let options: ExternalCheckOptions

    public init(options: ExternalCheckOptions = ExternalCheckOptions()) {
        self.options = options
    }

    public func check(
        _ urls: [String], progress: @escaping @Sendable (ExternalProgress) -> Void = { _ in }
    ) async -> [String: ExternalResult] {
        guard !urls.isEmpty else { return [:] }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: Self.amount(options.timeout), read: Self.amount(options.timeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let gate = HostGate(limit: options.perHost, interval: options.hostInterval)
        let ordered = Self.interleavedByHost(urls)

        let results = await withTaskGroup(of: (String, ExternalResult).self) { group in
            var next = 0
            for _ in 0..<min(options.concurrency, ordered.count) {
                let url = ordered[next]
                next += 1
                group.addTask { (url, await self.check(url, client: client, gate: gate)) }
            }
            var results: [String: ExternalResult] = [:]
            var broken = 0
            for await (url, result) in group {
                results[url] = result
                if result.outcome == .broken { broken += 1 }
                progress(ExternalProgress(done: results.count, total: ordered.count, broken: broken))
                if next < ordered.count {
                    let url = ordered[next]
                    next += 1
                    group.addTask { (url, await self.check(url, client: client, gate: gate)) }
                }
            }
            return results
        }
        try? await client.shutdown()
        return results
    }

    // MARK: One URL

    private func check(_ url: String, client: HTTPClient, gate: HostGate) async -> ExternalResult {
        var current = url
        var visited: Set<String> = [url]
        var method = HTTPMethod.HEAD
        var redirects = 0
        while true {
            let finalURL = redirects > 0 ? current : nil
            let (status, location): (Int, String?)
            switch await request(current, method: method, client: client, gate: gate) {
            case .failure(let failure):
                return ExternalResult(outcome: failure.outcome, finalURL: finalURL, reason: failure.reason)
            case .response(let code, let header, _): (status, location) = (code, header)
            }
            switch status {
            case 200..<300:
                return ExternalResult(outcome: .ok, status: status, finalURL: finalURL, reason: "HTTP \(status)")
            case 301, 302, 303, 307, 308:
                guard let location, let base = URL(string: current),
                    let target = URL(string: location, relativeTo: base)?.absoluteString
                else {
                    return ExternalResult(
                        outcome: .broken, status: status, finalURL: finalURL,
                        reason: "HTTP \(status) sans adresse de redirection valide")
                }
                redirects += 1
                if visited.contains(target) {
                    return ExternalResult(
                        outcome: .broken, status: status, finalURL: target,
                        reason: "boucle de redirections (après \(redirects))")
                }
                if redirects > options.maxRedirects {
                    return ExternalResult(
                        outcome: .broken, status: status, finalURL: target,
                        reason: "trop de redirections (plus de \(options.maxRedirects))")
                }
                visited.insert(target)
                current = target
                if status == 303 { method = .GET }
            case 400...599 where method == .HEAD && status != 429:
                // Many servers refuse or mishandle HEAD: ask the same URL with GET.
                method = .GET
            default:
                let (outcome, reason) = Self.judge(status)
                return ExternalResult(outcome: outcome, status: status, finalURL: finalURL, reason: reason)
            }
        }
    }

    /// A final status that is neither a success nor a redirect.
    static func judge(_ status: Int) -> (ExternalResult.Outcome, String) {
        switch status {
        case 404: (.broken, "HTTP 404 (page introuvable)")
        case 410: (.broken, "HTTP 410 (page supprimée)")
        case 401, 407: (.unknown, "HTTP \(status) (accès protégé par mot de passe)")
        case 403: (.unknown, "HTTP 403 (accès refusé au vérificateur)")
        case 429: (.unknown, "HTTP 429 (trop de requêtes, même après les nouvelles tentatives)")
        case 500...599: (.unknown, "HTTP \(status) (erreur du serveur, même après les nouvelles tentatives)")
        case 400..<500: (.broken, "HTTP \(status)")
        default: (.unknown, "HTTP \(status) inattendu")
        }
    }

    // MARK: One request, retried

    struct Failure: Sendable {
        var outcome: ExternalResult.Outcome
        var reason: String
        /// Worth another try: a time-out, a dropped connection.
        var transient: Bool
    }

    enum Answer: Sendable {
        case response(status: Int, location: String?, retryAfter: Duration?)
        case failure(Failure)
    }

    private func request(_ url: String, method: HTTPMethod, client: HTTPClient, gate: HostGate) async -> Answer {
        let host = URL(string: url).map { "\($0.host ?? ""):\($0.port ?? 0)" } ?? url
        var attempt = 0
        while true {
            await gate.enter(host)
            let answer = await once(url, method: method, client: client)
            await gate.leave(host)
            var wait = options.backoff * (1 << min(attempt, 16))
            switch answer {
            case .response(let status, _, let retryAfter) where status == 429 || (500...599).contains(status):
                if let retryAfter {
                    guard retryAfter <= options.maxRetryAfter else { return answer }
                    wait = retryAfter
                }
            case .failure(let failure) where failure.transient: break
            default: return answer
            }
            attempt += 1
            guard attempt <= options.retries else {
                if case .failure(var failure) = answer {
                    failure.reason += " (\(attempt) essais)"
                    return .failure(failure)
                }
                return answer
            }
            try? await Task.sleep(for: wait)
        }
    }

    private func once(_ url: String, method: HTTPMethod, client: HTTPClient) async -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: "text/html,*/*;q=0.8")
        do {
            // Only the head matters: the body is dropped unread, which closes the exchange.
            let response = try await client.execute(request, timeout: Self.amount(options.timeout))
            return .response(
                status: Int(response.status.code), location: response.headers.first(name: "Location"),
                retryAfter: response.headers.first(name: "Retry-After").flatMap { Self.retryAfter($0) })
        } catch {
            return .failure(Self.classify(error))
        }
    }

    /// `Retry-After: 120` or an HTTP date.
    static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        if let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }

    /// A network error, in French, and whether it means the link is broken.
    static func classify(_ error: any Error) -> Failure {
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout].contains(error) {
                return Failure(outcome: .unknown, reason: "délai dépassé", transient: true)
            }
            if error == .remoteConnectionClosed {
                return Failure(outcome: .unknown, reason: "connexion fermée par le serveur", transient: true)
            }
            return Failure(outcome: .unknown, reason: "échec de la requête (\(error))", transient: true)
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, let dns = error.dnsAError ?? error.dnsAAAAError { return classify(dns) }
            if let first = error.connectionErrors.first?.error { return classify(first) }
        }
        if let error = error as? SocketAddressError.UnknownHost {
            // The name does not exist; any other resolver error (EAI_AGAIN…) may pass.
            if Int32(error.errorCode) == EAI_NONAME || error.errorCode == -5 /* EAI_NODATA */ {
                return Failure(outcome: .broken, reason: "nom de domaine introuvable", transient: false)
            }
            return Failure(
                outcome: .unknown,
                reason: "résolution DNS impossible (\(error.errorDescription) ; réseau indisponible ?)",
                transient: true)
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED {
            return Failure(outcome: .broken, reason: "connexion refusée", transient: false)
        }
        if error is NIOSSLError || error is BoringSSLError {
            return Failure(outcome: .broken, reason: "échec TLS (certificat ou protocole)", transient: false)
        }
        return Failure(outcome: .unknown, reason: "erreur réseau (\(error))", transient: true)
    }

    // MARK: Helpers

    /// URLs reordered so that consecutive ones go to different hosts.
    static func interleavedByHost(_ urls: [String]) -> [String] {
        var byHost: [String: [String]] = [:]
        var hosts: [String] = []
        for url in urls.sorted() {
            let host = URL(string: url)?.host ?? ""
            if byHost[host] == nil { hosts.append(host) }
            byHost[host, default: []].append(url)
        }
        var ordered: [String] = []
        ordered.reserveCapacity(urls.count)
        var round = 0
        while ordered.count < urls.count {
            for host in hosts where round < byHost[host]!.count { ordered.append(byHost[host]![round]) }
            round += 1
        }
        return ordered
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
