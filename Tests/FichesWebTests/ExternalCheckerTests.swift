import FichesLinks
import Foundation
import Testing

@testable import FichesWeb

/// Short waits, so every case stays within a second or two.
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

@Test func aPageThatAnswersIsValidAndARedirectReportsWhereItEnds() async throws {
    let (results, elapsed, server) = try await check(
        ["/ok", "/moved"],
        routes: [
            "/ok": { _, _ in .status(200) },
            "/moved": { _, _ in .status(301, headers: [("Location", "/ok")]) },
        ])
    #expect(results["/ok"]?.outcome == .ok)
    #expect(results["/ok"]?.finalURL == nil)
    #expect(results["/moved"]?.outcome == .ok)
    #expect(results["/moved"]?.finalURL == server.url("/ok"))
    #expect(elapsed < .seconds(2))
}

@Test func aRedirectLoopAndTooManyRedirectsAreBroken() async throws {
    var routes: [String: LoopbackServer.Route] = [
        "/a": { _, _ in .status(302, headers: [("Location", "/b")]) },
        "/b": { _, _ in .status(302, headers: [("Location", "/a")]) },
    ]
    for step in 0...11 {
        routes["/r\(step)"] = { _, _ in .status(302, headers: [("Location", "/r\(step + 1)")]) }
    }
    routes["/r12"] = { _, _ in .status(200) }
    let (results, elapsed, _) = try await check(["/a", "/r0"], routes: routes)
    #expect(results["/a"]?.outcome == .broken)
    #expect(results["/a"]?.reason.contains("boucle de redirections") == true)
    #expect(results["/r0"]?.outcome == .broken)
    #expect(results["/r0"]?.reason == "trop de redirections (plus de 10)")
    #expect(elapsed < .seconds(2))
}

@Test func notFoundAndGoneAreBroken() async throws {
    let (results, elapsed, server) = try await check(
        ["/absent", "/supprimee"],
        routes: ["/absent": { _, _ in .status(404) }, "/supprimee": { _, _ in .status(410) }])
    #expect(results["/absent"]?.outcome == .broken)
    #expect(results["/absent"]?.status == 404)
    #expect(results["/supprimee"]?.outcome == .broken)
    #expect(results["/supprimee"]?.status == 410)
    // HEAD first; a refusal is asked again with GET before it counts.
    #expect(server.requests.filter { $0.path == "/absent" }.map(\.method) == ["HEAD", "GET"])
    #expect(elapsed < .seconds(2))
}

@Test func tooManyRequestsWaitsAsRetryAfterSaysThenSucceeds() async throws {
    let (results, elapsed, server) = try await check(
        ["/limite"],
        routes: ["/limite": { _, count in count == 0 ? .status(429, headers: [("Retry-After", "1")]) : .status(200) }])
    #expect(results["/limite"]?.outcome == .ok)
    #expect(server.requests.count == 2)
    #expect(elapsed >= .seconds(1))
    #expect(elapsed < .seconds(3))
}

@Test func aSiteThatKeepsRefusingTooManyRequestsIsUnknownNotBroken() async throws {
    let (results, elapsed, server) = try await check(
        ["/toujours"], routes: ["/toujours": { _, _ in .status(429) }])
    #expect(results["/toujours"]?.outcome == .unknown)
    #expect(server.requests.count == 3)  // one try and two retries
    #expect(elapsed < .seconds(2))
}

@Test func aServiceUnavailableOnceIsAskedAgain() async throws {
    let (results, elapsed, server) = try await check(
        ["/instable"], routes: ["/instable": { _, count in count == 0 ? .status(503) : .status(200) }])
    #expect(results["/instable"]?.outcome == .ok)
    #expect(server.requests.count == 2)
    #expect(elapsed < .seconds(2))
}

@Test func aResponseSlowerThanTheTimeoutIsUnknownAfterItsRetries() async throws {
    var options = quickOptions(timeout: .milliseconds(300))
    options.retries = 1
    let (results, elapsed, server) = try await check(
        ["/lent"], routes: ["/lent": { _, _ in .slow(.seconds(5)) }], options: options)
    #expect(results["/lent"]?.outcome == .unknown)
    #expect(results["/lent"]?.reason.hasPrefix("délai dépassé") == true)
    #expect(server.requests.count == 2)
    #expect(elapsed < .seconds(3))
}

@Test func headRefusedThenGetAccepted() async throws {
    let (results, _, server) = try await check(
        ["/sans-head"], routes: ["/sans-head": { method, _ in method == "HEAD" ? .status(405) : .status(200) }])
    #expect(results["/sans-head"]?.outcome == .ok)
    #expect(server.requests.map(\.method) == ["HEAD", "GET"])
}

@Test func aConnectionClosedMidResponseIsRetriedThenUnknown() async throws {
    let (results, elapsed, server) = try await check(["/coupe"], routes: ["/coupe": { _, _ in .cut }])
    #expect(results["/coupe"]?.outcome == .unknown)
    #expect(server.requests.count == 3)
    #expect(elapsed < .seconds(3))
}

@Test func aRefusedConnectionIsBroken() async throws {
    let closed = try await LoopbackServer(routes: [:])
    let url = closed.url("/")
    await closed.close()
    let start = ContinuousClock.now
    let results = await ExternalChecker(options: quickOptions()).check([url])
    #expect(results[url]?.outcome == .broken)
    #expect(results[url]?.reason == "connexion refusée")
    #expect(ContinuousClock.now - start < .seconds(2))
}

@Test func oneHostNeverGetsMoreThanItsShareAndRequestsAreSpacedOut() async throws {
    var options = quickOptions()
    options.perHost = 2
    options.hostInterval = .milliseconds(50)
    let paths = (1...8).map { "/page\($0)" }
    let routes = Dictionary(
        uniqueKeysWithValues: paths.map {
            (
                $0,
                { @Sendable (_: String, _: Int) in LoopbackServer.Behaviour.slow(.milliseconds(150)) }
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

@Test func retryAfterIsReadInSecondsOrAsAnHTTPDate() {
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

@Test func theCacheKeepsValidResultsUntilTheyExpire() throws {
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

@Test func aServerThatDoesNotSpeakTLSIsBroken() async throws {
    let server = try await LoopbackServer(routes: ["/": { _, _ in .status(200) }])
    let url = server.url("/").replacingOccurrences(of: "http://", with: "https://")
    let start = ContinuousClock.now
    let results = await ExternalChecker(options: quickOptions()).check([url])
    await server.close()
    #expect(results[url]?.outcome == .broken, "\(String(describing: results[url]))")
    #expect(results[url]?.reason == "échec TLS (certificat ou protocole)")
    #expect(ContinuousClock.now - start < .seconds(3))
}

@Test func theHostGateSpacesStartsAndLimitsEachHost() async {
    let gate = HostGate(limit: 2, interval: .milliseconds(30))
    let clock = ContinuousClock()
    let stays = await withTaskGroup(of: (ContinuousClock.Instant, ContinuousClock.Instant).self) { group in
        for _ in 0..<6 {
            group.addTask {
                await gate.enter("a.example:443")
                let entered = clock.now
                try? await Task.sleep(for: .milliseconds(50))
                let leaving = clock.now
                await gate.leave("a.example:443")
                return (entered, leaving)
            }
        }
        return await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }
    }
    // Never more than two inside at once.
    let mostInside = stays.map { stay in stays.filter { $0.0 <= stay.0 && stay.0 < $0.1 }.count }.max()
    #expect(mostInside! <= 2)
    // Six starts, each at least 30 ms after the one before: the run spans five intervals at least
    // (less the first start's own delay, which no sleep bounds).
    #expect(stays.last!.0 - stays.first!.0 >= .milliseconds(120))
    // Another host is not held back by this one.
    let start = clock.now
    await gate.enter("b.example:443")
    #expect(clock.now - start < .milliseconds(30))
    await gate.leave("b.example:443")
}
