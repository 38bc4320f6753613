import Foundation
import Testing

@testable import FichesWeb

@Test(.timeLimit(.minutes(1))) func aDownloadReturnsTheBodyOrSaysWhyInFrench() async throws {
    let server = try await LoopbackServer(routes: [
        "/fiches.json": { _, _ in .status(200) },
        "/ancien.json": { _, _ in .status(301, headers: [("Location", "/fiches.json")]) },
        "/absent.json": { _, _ in .status(404) },
    ])
    #expect(try await Download.data(from: server.url("/fiches.json")) == Data("réponse 200".utf8))
    #expect(try await Download.data(from: server.url("/ancien.json")) == Data("réponse 200".utf8))
    await #expect(throws: Download.Failure.self) { try await Download.data(from: server.url("/absent.json")) }
    do {
        _ = try await Download.data(from: server.url("/absent.json"))
    } catch {
        #expect(error.reason == "réponse HTTP 404")
    }
    await server.close()
    do {
        _ = try await Download.data(from: server.url("/fiches.json"))
        Issue.record("a closed server answered")
    } catch {
        #expect(error.reason == "connexion refusée")
    }
}
