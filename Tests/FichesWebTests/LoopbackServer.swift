import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP server on 127.0.0.1 that misbehaves on demand: each route answers in
/// one of the ways real sites do. NIO decodes the requests; the responses are
/// written as raw bytes, so a route can also stop in the middle of one.
final class LoopbackServer: Sendable {
    /// What a route does with a request, given how many times it was asked before.
    enum Behaviour: Sendable {
        case status(Int, headers: [(String, String)] = [])
        /// Answers after `delay`.
        case slow(Duration)
        /// Sends half a status line, then closes the connection.
        case cut
        /// Closes the connection with a reset (RST), before any reply.
        case reset
        /// Replies with bytes that are not HTTP (an SSH banner), then closes.
        case garbage
        /// A 200 with this HTML page.
        case page(String)
        /// A 200 announcing 2 GB of HTML, sent for as long as the client reads.
        case huge
        /// A 200 whose 1,000 bytes of HTML come one every 100 ms.
        case trickle
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var userAgent: String?
    }

    typealias Route = @Sendable (_ method: String, _ count: Int) -> Behaviour

    private let channel: any Channel
    private let state: Shared
    let port: Int

    /// The state the server and its connections share.
    final class Shared: Sendable {
        private let mutex: Mutex<State>

        init(_ state: State) {
            mutex = Mutex(state)
        }

        func withLock<T>(_ body: (inout State) -> T) -> T { mutex.withLock { body(&$0) } }
    }

    struct State {
        var routes: [String: Route] = [:]
        var counts: [String: Int] = [:]
        var requests: [Request] = []
        var active = 0
        var maxActive = 0
        var starts: [ContinuousClock.Instant] = []
        /// The bytes of body the `huge` route managed to send.
        var hugeBytesSent = 0
    }

    init(routes: [String: Route]) async throws {
        let state = Shared(State(routes: routes))
        self.state = state
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Handler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    var requests: [Request] { state.withLock { $0.requests } }
    var maxConcurrentRequests: Int { state.withLock { $0.maxActive } }
    var starts: [ContinuousClock.Instant] { state.withLock { $0.starts } }
    var hugeBytesSent: Int { state.withLock { $0.hugeBytesSent } }

    func close() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = ByteBuffer

        let state: Shared

        init(state: Shared) {
            self.state = state
        }

        /// Bytes that are not HTTP (a TLS handshake, say) get a plain 400, as real servers answer.
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            let reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: reply)), promise: nil)
            context.close(promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            let method = head.method.rawValue
            let behaviour = state.withLock { state -> Behaviour in
                let count = state.counts[head.uri, default: 0]
                state.counts[head.uri] = count + 1
                state.requests.append(
                    Request(method: method, path: head.uri, userAgent: head.headers.first(name: "User-Agent")))
                state.active += 1
                state.maxActive = max(state.maxActive, state.active)
                state.starts.append(.now)
                return state.routes[head.uri]?(method, count) ?? .status(404)
            }
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            @Sendable func finish(_ status: Int, _ headers: [(String, String)], body: String? = nil) {
                let body = method == "HEAD" ? "" : body ?? "réponse \(status)"
                var text = "HTTP/1.1 \(status) Test\r\nContent-Length: \(body.utf8.count)\r\n"
                for (name, value) in headers { text += "\(name): \(value)\r\n" }
                text += "\r\n" + body
                state.withLock { $0.active -= 1 }
                bound.value.writeAndFlush(NIOAny(bound.value.channel.allocator.buffer(string: text)), promise: nil)
            }
            /// A 200 head announcing `length` bytes of HTML; the body is the caller's.
            @Sendable func sendHead(length: Int) -> EventLoopFuture<Void> {
                state.withLock { $0.active -= 1 }
                let text = "HTTP/1.1 200 Test\r\nContent-Type: text/html\r\nContent-Length: \(length)\r\n\r\n"
                return bound.value.writeAndFlush(NIOAny(bound.value.channel.allocator.buffer(string: text)))
            }
            switch behaviour {
            case .status(let status, let headers): finish(status, headers)
            case .slow(let delay):
                let (seconds, attoseconds) = delay.components
                loop.scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {
                    finish(200, [])
                }
            case .cut:
                state.withLock { $0.active -= 1 }
                let context = bound.value
                context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: "HTTP/1.1 20")))
                    .whenComplete { _ in bound.value.close(promise: nil) }
            case .reset:
                state.withLock { $0.active -= 1 }
                let channel = bound.value.channel
                let lingering = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                (lingering ?? loop.makeSucceededVoidFuture()).whenComplete { _ in channel.close(promise: nil) }
            case .garbage:
                state.withLock { $0.active -= 1 }
                let context = bound.value
                context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: "SSH-2.0-OpenSSH_9.2p1\r\n")))
                    .whenComplete { _ in bound.value.close(promise: nil) }
            case .page(let html):
                finish(200, [("Content-Type", "text/html; charset=utf-8")], body: html)
            case .huge:
                let length = 2 << 30
                let sent = sendHead(length: length)
                guard method != "HEAD" else { return }
                let chunk = String(repeating: "<p>Une page sans fin.</p>\n", count: 2_500)
                let state = state
                /// Sends chunks one after the other until the client stops reading (a write fails) or all is sent.
                @Sendable func more(_ total: Int) {
                    guard total < length else { return }
                    let buffer = bound.value.channel.allocator.buffer(string: chunk)
                    bound.value.writeAndFlush(NIOAny(buffer)).whenComplete { result in
                        guard case .success = result else { return }
                        state.withLock { $0.hugeBytesSent = total + buffer.readableBytes }
                        more(total + buffer.readableBytes)
                    }
                }
                sent.whenSuccess { more(0) }
            case .trickle:
                let sent = sendHead(length: 1_000)
                guard method != "HEAD" else { return }
                @Sendable func drip(_ count: Int) {
                    guard count < 1_000 else { return }
                    loop.scheduleTask(in: .milliseconds(100)) {
                        bound.value.writeAndFlush(NIOAny(bound.value.channel.allocator.buffer(string: " ")))
                            .whenSuccess { drip(count + 1) }
                    }
                }
                sent.whenSuccess { drip(0) }
            }
        }
    }
}
