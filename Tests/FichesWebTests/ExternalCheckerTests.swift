import FichesLinks
import Foundation
import Testing

@testable import FichesWeb

/// Short waits, so every case stays within a second or two. The time a case
/// takes is not asserted (a loaded machine may be slower); a hang is caught by
/// the time limit of each test.
func quickOptions(timeout: Duration = .milliseconds(500)) -> ExternalCheckOptions {
    var options = ExternalCheckOptions()
    options.timeout = timeout
    options.backoff = .milliseconds(50)
    options.hostInterval = .zero
    options.perHost = 4
    return options
}

/// Checks `paths` of a server with `routes`; returns the results by path and the time taken.
func check(
    _ paths: [String], routes: [String: LoopbackServer.Route], options: ExternalCheckOptions = quickOptions()
) async throws -> (results: [String: ExternalResult], elapsed: Duration, server: LoopbackServer) {
    let server = try await LoopbackServer(routes: routes)
    let start = ContinuousClock.now
    let results = await ExternalChecker(options: options).check(paths.map(server.url))
    let elapsed = ContinuousClock.now - start
    await server.close()
    return (Dictionary(uniqueKeysWithValues: paths.map { ($0, results[server.url($0)]!) }), elapsed, server)
}

@Test(.timeLimit(.minutes(1))) func aPageThatAnswersIsValidAndARedirectReportsWhereItEnds() async throws {
    let (results, _, server) = try await check(
        ["/ok", "/moved"],
        routes: [
            "/ok": { _, _ in .status(200) },
            "/moved": { _, _ in .status(301, headers: [("Location", "/ok")]) },
        ])
    #expect(results["/ok"]?.outcome == .ok)
    #expect(results["/ok"]?.finalURL == nil)
    #expect(results["/moved"]?.outcome == .ok)
    #expect(results["/moved"]?.finalURL == server.url("/ok"))
}

@Test(.timeLimit(.minutes(1))) func aRedirectLoopAndTooManyRedirectsAreBroken() async throws {
    var routes: [String: LoopbackServer.Route] = [
        "/a": { _, _ in .status(302, headers: [("Location", "/b")]) },
        "/b": { _, _ in .status(302, headers: [("Location", "/a")]) },
    ]
    for step in 0...11 {
        routes["/r\(step)"] = { _, _ in .status(302, headers: [("Location", "/r\(step + 1)")]) }
    }
    routes["/r12"] = { _, _ in .status(200) }
    let (results, _, server) = try await check(["/a", "/r0"], routes: routes)
    #expect(results["/a"]?.outcome == .broken)
    #expect(results["/a"]?.reason == "boucle de redirections : la 2e redirection ramène à une adresse déjà demandée")
    #expect(results["/r0"]?.outcome == .broken)
    #expect(results["/r0"]?.reason == "trop de redirections : plus de 10, la dernière vers « \(server.url("/r11")) »")
    // The last address asked, not the one the checker stopped before.
    #expect(results["/r0"]?.finalURL == server.url("/r10"))
    #expect(!server.requests.contains { $0.path == "/r11" })
}

@Test(.timeLimit(.minutes(1))) func notFoundAndGoneAreBroken() async throws {
    let (results, _, server) = try await check(
        ["/absent", "/supprimee"],
        routes: ["/absent": { _, _ in .status(404) }, "/supprimee": { _, _ in .status(410) }])
    #expect(results["/absent"]?.outcome == .broken)
    #expect(results["/absent"]?.status == 404)
    #expect(results["/supprimee"]?.outcome == .broken)
    #expect(results["/supprimee"]?.status == 410)
    // HEAD first; a refusal is asked again with GET before it counts.
    #expect(server.requests.filter { $0.path == "/absent" }.map(\.method) == ["HEAD", "GET"])
}

@Test(.timeLimit(.minutes(1))) func tooManyRequestsWaitsAsRetryAfterSaysThenSucceeds() async throws {
    let (results, elapsed, server) = try await check(
        ["/limite"],
        routes: ["/limite": { _, count in count == 0 ? .status(429, headers: [("Retry-After", "1")]) : .status(200) }])
    #expect(results["/limite"]?.outcome == .ok)
    #expect(server.requests.count == 2)
    #expect(elapsed >= .seconds(1))
}

@Test(.timeLimit(.minutes(1))) func aSiteThatKeepsRefusingTooManyRequestsIsUnknownNotBroken() async throws {
    let (results, _, server) = try await check(
        ["/toujours"], routes: ["/toujours": { _, _ in .status(429) }])
    #expect(results["/toujours"]?.outcome == .unknown)
    #expect(server.requests.count == 3)  // one try and two retries
}

@Test(.timeLimit(.minutes(1))) func aServiceUnavailableOnceIsAskedAgain() async throws {
    let (results, _, server) = try await check(
        ["/instable"], routes: ["/instable": { _, count in count == 0 ? .status(503) : .status(200) }])
    #expect(results["/instable"]?.outcome == .ok)
    #expect(server.requests.count == 2)
}

@Test(.timeLimit(.minutes(1))) func aResponseSlowerThanTheTimeoutIsUnknownAfterItsRetries() async throws {
    var options = quickOptions(timeout: .milliseconds(300))
    options.attempts = 2
    let (results, _, server) = try await check(
        ["/lent"], routes: ["/lent": { _, _ in .slow(.seconds(5)) }], options: options)
    #expect(results["/lent"]?.outcome == .unknown)
    #expect(results["/lent"]?.reason == "délai dépassé (2 essais)")
    #expect(server.requests.count == 2)
}

@Test(.timeLimit(.minutes(1))) func headRefusedThenGetAccepted() async throws {
    let (results, _, server) = try await check(
        ["/sans-head"], routes: ["/sans-head": { method, _ in method == "HEAD" ? .status(405) : .status(200) }])
    #expect(results["/sans-head"]?.outcome == .ok)
    #expect(server.requests.map(\.method) == ["HEAD", "GET"])
}

@Test(.timeLimit(.minutes(1))) func aConnectionClosedMidResponseIsRetriedThenUnknown() async throws {
    let (results, _, server) = try await check(["/coupe"], routes: ["/coupe": { _, _ in .cut }])
    #expect(results["/coupe"]?.outcome == .unknown)
    #expect(results["/coupe"]?.reason == "connexion fermée par le serveur au milieu de sa réponse (3 essais)")
    #expect(server.requests.count == 3)
}

@Test(.timeLimit(.minutes(1))) func aRefusedConnectionIsBroken() async throws {
    let closed = try await LoopbackServer(routes: [:])
    let url = closed.url("/")
    await closed.close()
    let results = await ExternalChecker(options: quickOptions()).check([url])
    #expect(results[url]?.outcome == .broken)
    // Asked once more: a server restarting refuses for a moment.
    #expect(results[url]?.reason == "connexion refusée (2 essais)")
}

@Test(.timeLimit(.minutes(1))) func oneHostNeverGetsMoreThanItsShareAndRequestsAreSpacedOut() async throws {
    var options = quickOptions(timeout: .seconds(5))
    options.perHost = 2
    options.hostInterval = .milliseconds(50)
    let paths = (1...8).map { "/page\($0)" }
    let routes = Dictionary(
        uniqueKeysWithValues: paths.map {
            (
                $0,
                // Slow enough that two requests overlap even on a loaded machine (150 ms once did not).
                { @Sendable (_: String, _: Int) in LoopbackServer.Behaviour.slow(.milliseconds(600)) }
                    as LoopbackServer.Route
            )
        })
    let (results, _, server) = try await check(paths, routes: routes, options: options)
    #expect(results.values.allSatisfy { $0.outcome == .ok })
    #expect(server.maxConcurrentRequests == 2)
    // Network jitter moves single arrivals; the whole run cannot be shorter than its seven intervals.
    let starts = server.starts.sorted()
    #expect(starts.last! - starts.first! >= .milliseconds(250))
    #expect(server.requests.allSatisfy { $0.userAgent?.hasPrefix("fiches-links/") == true })
}

@Test(.timeLimit(.minutes(1))) func retryAfterIsReadInSecondsOrAsAnHTTPDate() {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    #expect(ExternalChecker.retryAfter("120", now: now) == .seconds(120))
    let later = now.addingTimeInterval(30)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    #expect(ExternalChecker.retryAfter(formatter.string(from: later), now: now) == .seconds(30))
    #expect(ExternalChecker.retryAfter("bientôt", now: now) == nil)
}

@Test(.timeLimit(.minutes(1))) func theCacheKeepsValidResultsUntilTheyExpire() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let day: TimeInterval = 86_400
    let checked = Date(timeIntervalSince1970: 1_700_000_000)
    var cache = ResultCache(folder: folder.path, maxAge: 7 * day)
    cache.record(
        "https://valide.example/", ExternalResult(outcome: .ok, status: 200, reason: "HTTP 200", checkedAt: checked))
    cache.record(
        "https://casse.example/", ExternalResult(outcome: .broken, status: 404, reason: "HTTP 404", checkedAt: checked))
    try cache.save(now: checked)

    let reread = ResultCache(folder: folder.path, maxAge: 7 * day)
    #expect(reread.fresh("https://valide.example/", now: checked.addingTimeInterval(6 * day))?.status == 200)
    #expect(reread.fresh("https://valide.example/", now: checked.addingTimeInterval(8 * day)) == nil)
    #expect(reread.fresh("https://casse.example/", now: checked) == nil)
}

@Test(.timeLimit(.minutes(1))) func aServerThatDoesNotSpeakTLSIsBroken() async throws {
    let server = try await LoopbackServer(routes: ["/": { _, _ in .status(200) }])
    let url = server.url("/").replacingOccurrences(of: "http://", with: "https://")
    let results = await ExternalChecker(options: quickOptions()).check([url])
    await server.close()
    #expect(results[url]?.outcome == .broken, "\(String(describing: results[url]))")
    #expect(results[url]?.reason == "échec TLS (certificat ou protocole)")
}

@Test(.timeLimit(.minutes(1))) func theHostGateSpacesStartsAndLimitsEachHost() async throws {
    let gate = HostGate(limit: 2, interval: .milliseconds(30))
    let clock = ContinuousClock()
    // Six stays on one host, and one on another host started last.
    let all = await withTaskGroup(of: (String, ContinuousClock.Instant, ContinuousClock.Instant).self) { group in
        for host in Array(repeating: "a.example", count: 6) + ["b.example"] {
            group.addTask {
                _ = await gate.enter(host)
                let entered = clock.now
                try? await Task.sleep(for: .milliseconds(50))
                let leaving = clock.now
                await gate.leave(host)
                return (host, entered, leaving)
            }
        }
        return await group.reduce(into: []) { $0.append($1) }.sorted { $0.1 < $1.1 }
    }
    let stays = all.filter { $0.0 == "a.example" }.map { ($0.1, $0.2) }
    // Never more than two inside at once.
    let mostInside = stays.map { stay in stays.filter { $0.0 <= stay.0 && stay.0 < $0.1 }.count }.max()
    #expect(mostInside! <= 2)
    // Six starts, each at least 30 ms after the one before: the run spans five intervals at least
    // (less the first start's own delay, which no sleep bounds).
    #expect(stays.last!.0 - stays.first!.0 >= .milliseconds(120))
    // Another host is not held back by this one: it gets in before the first host's last start.
    let other = try #require(all.first { $0.0 == "b.example" })
    #expect(other.1 < stays.last!.0)
}

// MARK: Hostile servers: what is reported, and what the server's log says was asked

@Test(.timeLimit(.minutes(1))) func eachNetworkFailureIsNamedInFrenchAndRetriedOnlyWhenThatMayHelp() async throws {
    // Time enough to read a megabyte on a loaded machine.
    var options = quickOptions(timeout: .seconds(15))
    options.maxPageBytes = 1 << 20
    let (results, _, server) = try await check(
        ["/coupure", "/charabia", "/panne", "/enorme", "/enorme#fin"],
        routes: [
            "/coupure": { _, _ in .reset },
            "/charabia": { _, _ in .garbage },
            "/panne": { _, _ in .status(500) },
            "/enorme": { _, _ in .huge },
        ], options: options)
    func asked(_ path: String) -> [String] { server.requests.filter { $0.path == path }.map(\.method) }
    // A reset may pass: three tries in all.
    #expect(results["/coupure"]?.outcome == .unknown)
    #expect(results["/coupure"]?.reason == "connexion interrompue par le serveur (3 essais)")
    #expect(asked("/coupure") == ["HEAD", "HEAD", "HEAD"])
    // Bytes that are not HTTP come back the same every time: one try.
    #expect(results["/charabia"]?.outcome == .broken)
    #expect(results["/charabia"]?.reason == "réponse qui n'est pas du HTTP")
    #expect(asked("/charabia") == ["HEAD"])
    // A constant 500: HEAD, then GET and its retry; three requests, not six.
    #expect(results["/panne"]?.outcome == .unknown)
    #expect(results["/panne"]?.reason == "HTTP 500 (erreur du serveur, même après les nouvelles tentatives)")
    #expect(asked("/panne") == ["HEAD", "GET", "GET"])
    // 2 GB: one GET for the page and its anchor, read up to the limit only.
    #expect(results["/enorme"]?.outcome == .ok)
    #expect(results["/enorme#fin"]?.outcome == .unknown)
    #expect(results["/enorme#fin"]?.reason == "ancre « #fin » non vérifiée : page de plus de 1 Mo")
    #expect(asked("/enorme") == ["GET"])
    #expect(server.hugeBytesSent < 64 << 20)
}

@Test(.timeLimit(.minutes(1))) func anchorsOnOtherSitesAreLookedForInThePageAskedOnce() async throws {
    let page = """
        <!DOCTYPE html><html><body><h2 id="present">Présent</h2><a name="nom"></a>
        <p id="été">Été</p></body></html>
        """
    let paths = ["/page", "/page#present", "/page#nom", "/page#%C3%A9t%C3%A9", "/page#top", "/page#absente"]
    let (results, _, server) = try await check(paths, routes: ["/page": { _, _ in .page(page) }])
    for path in paths.dropLast() {
        #expect(results[path]?.outcome == .ok, "\(path)")
    }
    #expect(results["/page#absente"]?.outcome == .broken)
    #expect(results["/page#absente"]?.reason == "ancre « #absente » absente de la page")
    // Six links, five fragments: one request, a GET, since the page is read.
    #expect(server.requests.map(\.method) == ["GET"])
}

@Test(.timeLimit(.minutes(1))) func aPageThatTricklesLeavesItsAnchorUncertain() async throws {
    let (results, _, server) = try await check(
        ["/goutte#x"], routes: ["/goutte": { _, _ in .trickle }], options: quickOptions(timeout: .milliseconds(400)))
    #expect(results["/goutte#x"]?.outcome == .unknown)
    // A page that does not arrive in time is asked again, as a reply that does not.
    #expect(results["/goutte#x"]?.reason == "ancre « #x » non vérifiée : délai dépassé (3 essais)")
    #expect(server.requests.map(\.method) == ["GET", "GET", "GET"])
}

@Test(.timeLimit(.minutes(1))) func retryAfterHoldsEveryRequestToTheHost() async throws {
    var options = quickOptions()
    options.concurrency = 2
    // The first address gets a 429 asking for a second; the second is slow, so that the
    // others start while the host is held, and wait.
    let (results, _, server) = try await check(
        ["/0-limite", "/1-lente", "/2", "/3", "/4"],
        routes: [
            "/0-limite": { _, count in count == 0 ? .status(429, headers: [("Retry-After", "1")]) : .status(200) },
            "/1-lente": { _, _ in .slow(.milliseconds(300)) },
            "/2": { _, _ in .status(200) }, "/3": { _, _ in .status(200) }, "/4": { _, _ in .status(200) },
        ], options: options)
    #expect(results.values.allSatisfy { $0.outcome == .ok })
    let log = zip(server.requests, server.starts).map { (path: $0.path, start: $1) }
    let refused = try #require(log.first { $0.path == "/0-limite" }).start
    // Every request after the two first ones, the retry included, waited the second out.
    let later = log.filter { $0.start > refused && $0.path != "/1-lente" }
    #expect(later.map(\.path).sorted() == ["/0-limite", "/2", "/3", "/4"])
    for request in later {
        #expect(request.start - refused >= .milliseconds(950), "\(request.path)")
    }
}

@Test(.timeLimit(.minutes(1))) func aHostAskingToWaitPastTheCapGetsNoMoreRequests() async throws {
    var options = quickOptions()
    options.concurrency = 1
    let (results, _, server) = try await check(
        ["/0-attendre", "/1", "/2"],
        routes: [
            "/0-attendre": { _, _ in .status(429, headers: [("Retry-After", "3600")]) },
            "/1": { _, _ in .status(200) }, "/2": { _, _ in .status(200) },
        ], options: options)
    for path in ["/0-attendre", "/1", "/2"] {
        #expect(results[path]?.outcome == .unknown, "\(path)")
        #expect(
            results[path]?.reason == "le serveur demande d'attendre 1 heure : adresse à vérifier au prochain passage",
            "\(path)")
    }
    #expect(server.requests.map(\.path) == ["/0-attendre"])
    // The one asked says what answered; the others were not asked.
    #expect(results["/0-attendre"]?.status == 429)
    #expect(results["/1"]?.status == nil)
}

@Test(.timeLimit(.minutes(1))) func politenessCountsTheHostNameWhateverThePort() async throws {
    let slow: [String: LoopbackServer.Route] = [
        "/a": { _, _ in .slow(.milliseconds(300)) }, "/b": { _, _ in .slow(.milliseconds(300)) },
    ]
    let (first, second) = (try await LoopbackServer(routes: slow), try await LoopbackServer(routes: slow))
    var options = quickOptions(timeout: .seconds(5))
    options.perHost = 1
    let urls = ["/a", "/b"].flatMap { [first.url($0), second.url($0)] }
    let results = await ExternalChecker(options: options).check(urls)
    await first.close()
    await second.close()
    #expect(results.values.allSatisfy { $0.outcome == .ok })
    // One at a time on 127.0.0.1, across both ports: each start 300 ms after the one before.
    let starts = (first.starts + second.starts).sorted()
    #expect(starts.count == 4)
    for (earlier, later) in zip(starts, starts.dropFirst()) {
        #expect(later - earlier >= .milliseconds(250))
    }
    #expect(ExternalChecker.host("http://Exemple.org:8080/a") == ExternalChecker.host("https://exemple.org/b"))
}

@Test func waitsAreSaidAsAPersonWould() {
    #expect(ExternalChecker.french(.seconds(3600)) == "1 heure")
    #expect(ExternalChecker.french(.seconds(5400)) == "1 heure et 30 minutes")
    #expect(ExternalChecker.french(.seconds(90_061)) == "1 jour, 1 heure, 1 minute et 1 seconde")
    #expect(ExternalChecker.french(.seconds(45)) == "45 secondes")
    #expect(ExternalChecker.french(.seconds(120)) == "2 minutes")
}
