/// Lets at most `limit` requests run against one host at a time, and starts
/// two requests to one host at least `interval` apart: the checker stays polite
/// however many links point to the same site.
actor HostGate {
    private struct Host {
        var active = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var nextStart: ContinuousClock.Instant
    }

    private let limit: Int
    private let interval: Duration
    private var hosts: [String: Host] = [:]

    init(limit: Int, interval: Duration) {
        self.limit = max(limit, 1)
        self.interval = interval
    }

    /// Waits for a slot on `host`, then for the host's next start time.
    func enter(_ host: String) async {
        let clock = ContinuousClock()
        var state = hosts[host] ?? Host(nextStart: clock.now)
        if state.active < limit {
            state.active += 1
            hosts[host] = state
        } else {
            // `leave` hands its slot over: `active` stays as it is.
            await withCheckedContinuation { continuation in
                hosts[host, default: Host(nextStart: clock.now)].waiting.append(continuation)
            }
        }
        let start = max(clock.now, hosts[host]!.nextStart)
        hosts[host]!.nextStart = start + interval
        if start > clock.now { try? await Task.sleep(until: start, clock: clock) }
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
}
