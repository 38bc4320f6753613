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
    /// For each request, its body included when it is read.
    public var timeout: Duration = .seconds(10)
    /// Requests for one address in all, the GET after a refused HEAD included
    /// (each redirect's target has as many).
    public var attempts = 3
    /// The wait before the first retry, doubled for each next one.
    public var backoff: Duration = .milliseconds(500)
    /// The longest `Retry-After` a host gets: no request goes to a host that
    /// asks for more, and its addresses are left uncertain.
    public var maxRetryAfter: Duration = .seconds(60)
    public var maxRedirects = 10
    /// The most of a page read to find the anchors its links name.
    public var maxPageBytes = 2 << 20
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
/// HEAD is refused; GET at once for an address whose links name anchors, its
/// page then read (up to `maxPageBytes`) for its ids. One request per address,
/// whatever its anchors; redirects followed by hand, so loops and their end are known.
public struct ExternalChecker: Sendable {
    let options: ExternalCheckOptions

    public init(options: ExternalCheckOptions = ExternalCheckOptions()) {
        self.options = options
    }

    /// The result of each of `urls`, which may have fragments.
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
        let byAddress = Dictionary(grouping: urls, by: Self.address)
        let ordered = Self.interleavedByHost(Array(byAddress.keys))

        let results = await withTaskGroup(of: [(String, ExternalResult)].self) { group in
            func add(_ address: String) {
                let urls = byAddress[address] ?? []
                let anchors = urls.contains { $0 != address }
                group.addTask {
                    let page = await self.check(address, anchors: anchors, client: client, gate: gate)
                    return urls.map { ($0, Self.result(of: $0, on: page, maxPageBytes: options.maxPageBytes)) }
                }
            }
            var next = 0
            for address in ordered.prefix(options.concurrency) {
                add(address)
                next += 1
            }
            var results: [String: ExternalResult] = [:]
            var (done, broken) = (0, 0)
            for await checked in group {
                for (url, result) in checked { results[url] = result }
                done += 1
                broken += checked.count { $0.1.outcome == .broken }
                progress(ExternalProgress(done: done, total: ordered.count, broken: broken))
                if next < ordered.count {
                    add(ordered[next])
                    next += 1
                }
            }
            return results
        }
        try? await client.shutdown()
        return results
    }

    // MARK: One address

    /// What a page gave for the anchors its links name.
    enum Anchors: Sendable, Equatable {
        /// Its ids and the names of its `a` elements.
        case found(Set<String>)
        /// Longer than `maxPageBytes`.
        case tooLong
        /// Not HTML (a PDF's `#page=2`): nothing to look for.
        case notHTML
        /// The body could not be read to its end.
        case unread(String)
    }

    struct Page: Sendable {
        var result: ExternalResult
        var anchors: Anchors?
    }

    /// The address's result, following its redirects; with `anchors`, its page's ids.
    private func check(_ address: String, anchors: Bool, client: HTTPClient, gate: HostGate) async -> Page {
        var current = address
        var visited: Set<String> = [address]
        var method = anchors ? HTTPMethod.GET : .HEAD
        var redirects = 0
        while true {
            let finalURL = redirects > 0 ? current : nil
            var attempts = options.attempts
            var answer = await request(current, method: method, attempts: &attempts, client: client, gate: gate)
            // Many servers refuse or mishandle HEAD: the same URL with GET, if an attempt is left.
            if case .response(400...599, _, _, _) = answer, method == .HEAD, attempts > 0, !answer.isTooManyRequests {
                method = .GET
                answer = await request(current, method: method, attempts: &attempts, client: client, gate: gate)
            }
            let (status, location, body): (Int, String?, Anchors?)
            switch answer {
            case .failure(let failure):
                return Page(
                    result: ExternalResult(
                        outcome: failure.outcome, status: failure.status, finalURL: finalURL, reason: failure.reason))
            case .response(let code, let header, _, let anchors): (status, location, body) = (code, header, anchors)
            }
            switch status {
            case 200..<300:
                return Page(
                    result: ExternalResult(outcome: .ok, status: status, finalURL: finalURL, reason: "HTTP \(status)"),
                    anchors: body)
            case 301, 302, 303, 307, 308:
                guard let location, let base = URL(string: current),
                    let target = URL(string: location, relativeTo: base)?.absoluteString
                else {
                    return Page(
                        result: ExternalResult(
                            outcome: .broken, status: status, finalURL: finalURL,
                            reason: "HTTP \(status) sans adresse de redirection valide"))
                }
                redirects += 1
                if visited.contains(target) {
                    return Page(
                        result: ExternalResult(
                            outcome: .broken, status: status, finalURL: target,
                            reason:
                                "boucle de redirections : la \(redirects == 1 ? "redirection ramène" : "\(redirects)e redirection ramène") à une adresse déjà demandée"
                        ))
                }
                if redirects > options.maxRedirects {
                    return Page(
                        result: ExternalResult(
                            outcome: .broken, status: status, finalURL: current,
                            reason:
                                "trop de redirections : plus de \(options.maxRedirects), la dernière vers « \(target) »"
                        ))
                }
                visited.insert(target)
                current = target
                if status == 303 { method = .GET }
            default:
                let (outcome, reason) = Self.judge(status)
                return Page(
                    result: ExternalResult(outcome: outcome, status: status, finalURL: finalURL, reason: reason))
            }
        }
    }

    /// The result of `url` from its address's page: the page's, or its anchor's.
    static func result(of url: String, on page: Page, maxPageBytes: Int) -> ExternalResult {
        guard let hash = url.firstIndex(of: "#"), page.result.outcome == .ok else { return page.result }
        let written = String(url[url.index(after: hash)...])
        let fragment = written.removingPercentEncoding ?? written
        // `#` and `#top` lead to the top of any page.
        guard !fragment.isEmpty, fragment.lowercased() != "top" else { return page.result }
        var result = page.result
        switch page.anchors {
        case .found(let ids) where ids.contains(fragment): break
        case .found:
            result.outcome = .broken
            result.reason = "ancre « #\(fragment) » absente de la page"
        case .tooLong:
            result.outcome = .unknown
            result.reason = "ancre « #\(fragment) » non vérifiée : page de plus de \(maxPageBytes >> 20) Mo"
        case .unread(let reason):
            result.outcome = .unknown
            result.reason = "ancre « #\(fragment) » non vérifiée : \(reason)"
        case .notHTML, nil: break
        }
        return result
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

    struct Failure: Sendable, Equatable {
        enum Retry: Sendable { case never, once, yes }
        var outcome: ExternalResult.Outcome
        var reason: String
        /// The status of the reply that said it, when one did (a 429 asking to wait too long).
        var status: Int? = nil
        /// Whether another try may do better: a time-out, a dropped connection
        /// yes; a refused connection once (a server restarting); a reply that is
        /// not HTTP, a TLS or DNS failure never.
        var retry: Retry
    }

    enum Answer: Sendable {
        case response(status: Int, location: String?, retryAfter: Duration?, anchors: Anchors?)
        case failure(Failure)

        var isTooManyRequests: Bool {
            if case .response(429, _, _, _) = self { return true }
            return false
        }
    }

    /// `url` asked until it answers or `attempts` are spent; a 429 or 503
    /// `Retry-After` holds the whole host, and past the cap refuses it.
    private func request(
        _ url: String, method: HTTPMethod, attempts: inout Int, client: HTTPClient, gate: HostGate
    ) async -> Answer {
        let host = Self.host(url)
        var tries = 0
        var refusedOnce = false
        func finished(_ answer: Answer) -> Answer {
            guard tries > 1 else { return answer }
            switch answer {
            case .failure(var failure):
                failure.reason += " (\(tries) essais)"
                return .failure(failure)
            case .response(let status, let location, let retryAfter, .unread(let reason)):
                return .response(
                    status: status, location: location, retryAfter: retryAfter,
                    anchors: .unread(reason + " (\(tries) essais)"))
            default: return answer
            }
        }
        while true {
            if let asked = await gate.enter(host) { return .failure(Self.tooLongToWait(asked)) }
            attempts -= 1
            tries += 1
            let answer = await once(url, method: method, client: client)
            await gate.leave(host)
            var wait = options.backoff * (1 << min(tries - 1, 16))
            switch answer {
            case .response(let status, _, let retryAfter, _) where status == 429 || (500...599).contains(status):
                if let retryAfter, status == 429 || status == 503 {
                    guard retryAfter <= options.maxRetryAfter else {
                        await gate.refuse(host, asked: retryAfter)
                        var failure = Self.tooLongToWait(retryAfter)
                        failure.status = status
                        return .failure(failure)
                    }
                    await gate.hold(host, for: retryAfter)
                    wait = .zero
                } else if method == .HEAD && status != 429 {
                    // A server error to HEAD: the caller asks with GET, which gets the retries.
                    return answer
                }
            case .failure(let failure) where failure.retry == .yes: break
            case .failure(let failure) where failure.retry == .once && !refusedOnce: refusedOnce = true
            // A page read for its anchors that timed out or was cut: as a request that did.
            case .response(_, _, _, .unread): break
            default: return finished(answer)
            }
            guard attempts > 0 else { return finished(answer) }
            try? await Task.sleep(for: wait)
        }
    }

    /// What a host that asks to wait longer than the cap gets said of its addresses.
    static func tooLongToWait(_ asked: Duration) -> Failure {
        Failure(
            outcome: .unknown,
            reason: "le serveur demande d'attendre \(Self.french(asked)) : adresse à vérifier au prochain passage",
            retry: .never)
    }

    private func once(_ url: String, method: HTTPMethod, client: HTTPClient) async -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: "text/html,*/*;q=0.8")
        let deadline = ContinuousClock.now + options.timeout
        do {
            let response = try await client.execute(request, timeout: Self.amount(options.timeout))
            let status = Int(response.status.code)
            var anchors: Anchors?
            if method == .GET, (200..<300).contains(status) {
                let type = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
                anchors = type.contains("html") ? await read(response.body, by: deadline) : .notHTML
            }
            // Otherwise the body is dropped unread, which closes the exchange.
            return .response(
                status: status, location: response.headers.first(name: "Location"),
                retryAfter: response.headers.first(name: "Retry-After").flatMap { Self.retryAfter($0) },
                anchors: anchors)
        } catch {
            return .failure(Self.classify(error))
        }
    }

    /// A page's ids, read with the same libxml2 scanner as the site's pages,
    /// from at most `maxPageBytes` of it, by `deadline`.
    private func read(_ body: HTTPClientResponse.Body, by deadline: ContinuousClock.Instant) async -> Anchors {
        let limit = options.maxPageBytes
        return await withTaskGroup(of: Anchors?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                do {
                    for try await chunk in body {
                        guard bytes.count + chunk.readableBytes <= limit else { return .tooLong }
                        bytes += chunk.readableBytesView
                    }
                } catch {
                    return .unread(Self.classify(error).reason)
                }
                return .found(bytes.withUnsafeBytes { HTMLScanner().scan($0).ids })
            }
            group.addTask {
                try? await Task.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .unread("délai dépassé")
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

    /// A network error, named in French as a person would, with what it means
    /// for the link and whether to try again.
    static func classify(_ error: any Error) -> Failure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout:
                return Failure(outcome: .unknown, reason: "délai dépassé", retry: .yes)
            case .remoteConnectionClosed:
                return Failure(
                    outcome: .unknown, reason: "connexion fermée par le serveur avant sa réponse", retry: .yes)
            case .invalidURL, .emptyHost, .emptyScheme:
                return Failure(outcome: .broken, reason: "adresse invalide", retry: .never)
            default:
                return Failure(outcome: .unknown, reason: "échec de la requête HTTP", retry: .yes)
            }
        }
        if let error = error as? HTTPParserError {
            if error == .invalidEOFState {
                return Failure(
                    outcome: .unknown, reason: "connexion fermée par le serveur au milieu de sa réponse", retry: .yes)
            }
            return Failure(outcome: .broken, reason: "réponse qui n'est pas du HTTP", retry: .never)
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, let dns = error.dnsAError ?? error.dnsAAAAError { return classify(dns) }
            if let first = error.connectionErrors.first?.error { return classify(first) }
        }
        if let error = error as? SocketAddressError.UnknownHost {
            // The name does not exist; any other resolver error (EAI_AGAIN…) may pass, but not within this run.
            if Int32(error.errorCode) == EAI_NONAME || error.errorCode == -5 /* EAI_NODATA */ {
                return Failure(outcome: .broken, reason: "nom de domaine introuvable", retry: .never)
            }
            return Failure(
                outcome: .unknown, reason: "résolution du nom de domaine impossible (réseau indisponible ?)",
                retry: .never)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return Failure(outcome: .broken, reason: "connexion refusée", retry: .once)
            case ECONNRESET, EPIPE:
                return Failure(outcome: .unknown, reason: "connexion interrompue par le serveur", retry: .yes)
            case ENETUNREACH, EHOSTUNREACH:
                return Failure(outcome: .unknown, reason: "serveur injoignable (réseau indisponible ?)", retry: .yes)
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError {
            return Failure(outcome: .broken, reason: "échec TLS (certificat ou protocole)", retry: .never)
        }
        if let error = error as? ChannelError, error == .eof || error == .ioOnClosedChannel {
            return Failure(outcome: .unknown, reason: "connexion fermée par le serveur avant sa réponse", retry: .yes)
        }
        return Failure(outcome: .unknown, reason: "erreur réseau inattendue", retry: .yes)
    }

    // MARK: Helpers

    /// A wait as a person says it: « 1 heure », « 1 heure et 30 minutes », « 45 secondes ».
    static func french(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        let parts = [
            (seconds / 86_400, "jour", "jours"), (seconds % 86_400 / 3_600, "heure", "heures"),
            (seconds % 3_600 / 60, "minute", "minutes"), (seconds % 60, "seconde", "secondes"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
        guard let last = parts.last else { return "moins d'une seconde" }
        return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " et " + last
    }

    /// A URL without its fragment: what is asked for.
    static func address(_ url: String) -> String {
        url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
    }

    /// The host name of `url`, lowercased: the unit of politeness, whatever the port.
    static func host(_ url: String) -> String {
        URL(string: url)?.host?.lowercased() ?? url
    }

    /// URLs reordered so that consecutive ones go to different hosts.
    static func interleavedByHost(_ urls: [String]) -> [String] {
        var byHost: [String: [String]] = [:]
        var hosts: [String] = []
        for url in urls.sorted() {
            let host = Self.host(url)
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
