import AsyncHTTPClient
import FichesLinks
import Foundation
import NIOCore

/// One document fetched over HTTP(S), for `fiches diff` against a published `fiches.json`.
public enum Download {
    public struct Failure: Error, Sendable {
        public var reason: String
    }

    /// The body of `url` when it answers 200 within `timeout`, at most `limit` bytes; redirects followed.
    public static func data(
        from url: String, timeout: Duration = .seconds(30), limit: Int = 64 << 20
    ) async throws(Failure) -> Data {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        // A refused connection is an answer, not something to wait out.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result: Result<Data, Failure>
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: ExternalCheckOptions().userAgent)
            request.headers.add(name: "Connection", value: "close")
            let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
            if response.status == .ok {
                result = .success(Data(try await response.body.collect(upTo: limit).readableBytesView))
            } else {
                result = .failure(Failure(reason: "réponse HTTP \(response.status.code)"))
            }
        } catch {
            result = .failure(Failure(reason: ExternalChecker.classify(error).reason))
        }
        try? await client.shutdown()
        return try result.get()
    }
}
