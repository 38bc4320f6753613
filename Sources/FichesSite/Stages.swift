import Foundation

/// With `FICHES_ETAPES=1`, each stage of a run prints its wall time and the
/// process's resident memory on standard error: where a large build spends.
struct Stages: Sendable {
    private let start = ContinuousClock.now
    init() {}
    private let enabled = ProcessInfo.processInfo.environment["FICHES_ETAPES"] == "1"

    func mark(_ stage: String) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String {
            status.split(separator: "\n").first { $0.hasPrefix(name) }?
                .split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") ?? "?"
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let line = String(
            format: "fiches: étape « %@ » à %.3f s (processeur %.3f s) ; mémoire %@ (pic %@)\n", stage,
            Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds), cpu,
            field("VmRSS:"), field("VmHWM:"))
        FileHandle.standardError.write(Data(line.utf8))
    }
}
