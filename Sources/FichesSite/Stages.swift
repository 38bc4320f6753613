import Foundation

/// With `FICHES_ETAPES=1`, each stage of a run prints the time since the
/// process started, the processor time and the resident memory on standard
/// error: where a large build spends.
public enum Stages {
    private static let enabled = ProcessInfo.processInfo.environment["FICHES_ETAPES"] == "1"

    public static func mark(_ stage: String) {
        guard enabled else { return }
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
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var uptime = timespec()
        clock_gettime(CLOCK_MONOTONIC, &uptime)
        // The process's start, in clock ticks since boot (field 22 of /proc/self/stat).
        let started =
            (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").dropFirst(19).first.flatMap { Double($0) } ?? 0
        let elapsed = Double(uptime.tv_sec) + Double(uptime.tv_nsec) / 1e9 - started / ticks
        let line = String(
            format: "fiches: étape « %@ » à %.3f s (processeur %.3f s) ; mémoire %@ (pic %@)\n", stage, elapsed, cpu,
            field("VmRSS:"), field("VmHWM:"))
        FileHandle.standardError.write(Data(line.utf8))
    }
}
