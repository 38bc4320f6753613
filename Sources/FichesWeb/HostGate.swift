/// Lets at most `limit` requests run against one host at a time, starts two
/// requests to one host at least `interval` apart, holds every request to a
/// host that asked to wait (`Retry-After`), and stops them all for a host that
/// asked to wait too long: the checker stays polite however many links point
/// to the same site. A host is its name: every port of it is the same server.
actor HostGate {
    private struct Host {
        var active = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        /// No request starts before this: the last start plus the interval, or the end of a hold.
        var nextStart: ContinuousClock.Instant
        /// The wait the host asked for when it was longer than the checker waits.
        var refused: Duration?
    }

    private let limit: Int
    private let interval: Duration
    private var hosts: [String: Host] = [:]
    private let clock = ContinuousClock()

    init(limit: Int, interval: Duration) {
        self.limit = max(limit, 1)
        self.interval = interval
    }

    /// Waits for a slot on `host`, then for its next start time; nil then. The
    /// wait the host asked for instead, with no slot taken, when it refused.
    func enter(_ host: String) async -> Duration? {
        if let refused = hosts[host]?.refused { return refused }
        if hosts[host] == nil { hosts[host] = Host(nextStart: clock.now) }
        if hosts[host]!.active < limit {
            hosts[host]!.active += 1
        } else {
            // `leave` hands its slot over: `active` stays as it is.
            await withCheckedContinuation { hosts[host]!.waiting.append($0) }
        }
        // Asked again after each sleep: a hold or a refusal may have come meanwhile.
        while true {
            if let refused = hosts[host]!.refused {
                leave(host)
                return refused
            }
            let start = hosts[host]!.nextStart
            if start <= clock.now { break }
            try? await Task.sleep(until: start, clock: clock)
        }
        hosts[host]!.nextStart = clock.now + interval
        return nil
    }

    func leave(_ host: String) {
        guard var state = hosts[host] else { return }
        if state.waiting.isEmpty {
            state.active -= 1
            hosts[host] = state
        } else {
            let next = state.waiting.removeFirst()
            hosts[host] = state
            next.resume()
        }
    }

    /// No request to `host` starts within `delay` from now.
    func hold(_ host: String, for delay: Duration) {
        let until = clock.now + delay
        var state = hosts[host] ?? Host(nextStart: until)
        state.nextStart = max(state.nextStart, until)
        hosts[host] = state
    }

    /// No request to `host` starts again in this run: it asked to wait `asked`.
    func refuse(_ host: String, asked: Duration) {
        hosts[host, default: Host(nextStart: clock.now)].refused = asked
    }
}
