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
    let (results, _, _) = try await check(["/a", "/r0"], routes: routes)
    #expect(results["/a"]?.outcome == .broken)
    #expect(results["/a"]?.reason.contains("boucle de redirections") == true)
    #expect(results["/r0"]?.outcome == .broken)
    #expect(results["/r0"]?.reason == "trop de redirections (plus de 10)")
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
    options.retries = 1
    let (results, _, server) = try await check(
        ["/lent"], routes: ["/lent": { _, _ in .slow(.seconds(5)) }], options: options)
    #expect(results["/lent"]?.outcome == .unknown)
    #expect(results["/lent"]?.reason.hasPrefix("délai dépassé") == true)
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
    #expect(server.requests.count == 3)
}

@Test(.timeLimit(.minutes(1))) func aRefusedConnectionIsBroken() async throws {
    let closed = try await LoopbackServer(routes: [:])
    let url = closed.url("/")
    await closed.close()
    let results = await ExternalChecker(options: quickOptions()).check([url])
    #expect(results[url]?.outcome == .broken)
    #expect(results[url]?.reason == "connexion refusée")
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
        for host in Array(repeating: "a.example:443", count: 6) + ["b.example:443"] {
            group.addTask {
                await gate.enter(host)
                let entered = clock.now
                try? await Task.sleep(for: .milliseconds(50))
                let leaving = clock.now
                await gate.leave(host)
                return (host, entered, leaving)
            }
        }
        return await group.reduce(into: []) { $0.append($1) }.sorted { $0.1 < $1.1 }
    }
    let stays = all.filter { $0.0 == "a.example:443" }.map { ($0.1, $0.2) }
    // Never more than two inside at once.
    let mostInside = stays.map { stay in stays.filter { $0.0 <= stay.0 && stay.0 < $0.1 }.count }.max()
    #expect(mostInside! <= 2)
    // Six starts, each at least 30 ms after the one before: the run spans five intervals at least
    // (less the first start's own delay, which no sleep bounds).
    #expect(stays.last!.0 - stays.first!.0 >= .milliseconds(120))
    // Another host is not held back by this one: it gets in before the first host's last start.
    let other = try #require(all.first { $0.0 == "b.example:443" })
    #expect(other.1 < stays.last!.0)
}
