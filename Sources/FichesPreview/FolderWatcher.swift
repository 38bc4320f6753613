import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells when files change under some folders: inotify on Linux; elsewhere, or
/// when the system has no inotify watch left, a comparison of modification
/// times every quarter of a second. Never a busy loop: the thread sleeps in
/// `poll` until the kernel or the clock wakes it.
public final class FolderWatcher: Sendable {
    let folders: [String]
    /// Written to by `stop()` to wake the watching thread.
    private let wake: (read: Int32, write: Int32)

    /// Compare modification times even where inotify works (for tests).
    let scanning: Bool

    init(folders: [String], scanning: Bool = false) throws {
        self.folders = folders
        self.scanning = scanning
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        wake = (ends[0], ends[1])
    }

    /// What changed since the last batch was taken.
    public enum Change: Sendable, Equatable {
        /// These files or folders (as `folders` name them) were written, created, removed or renamed.
        case paths(Set<String>)
        /// Events were lost (the kernel's queue overflowed): anything may have changed.
        case everything

        func merged(with other: Change) -> Change {
            guard case .paths(let mine) = self, case .paths(let theirs) = other else { return .everything }
            return .paths(mine.union(theirs))
        }
    }

    /// Batches of changes until `stop()`, from the moment `ready` is called.
    /// Changes that arrive while the last batch is being handled are merged
    /// into the next one, never lost.
    func changes(ready: @escaping @Sendable () -> Void = {}) -> AsyncStream<Change> {
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let pending = Mutex<Change?>(nil)
        let report: @Sendable (Change) -> Void = { change in
            pending.withLock { $0 = $0.map { $0.merged(with: change) } ?? change }
            continuation.yield()
        }
        let (folders, scanning) = (folders, scanning)
        let wake = wake.read
        let thread = Thread {
            #if os(Linux)
                if !scanning, Self.watchWithInotify(folders, wake: wake, ready: ready, report: report) {
                    continuation.finish()
                    return
                }
            #endif
            Self.watchByScanning(folders, wake: wake, ready: ready, report: report)
            continuation.finish()
        }
        thread.name = "fiches-watcher"
        thread.start()
        return AsyncStream { () async -> Change? in
            for await _ in signals {
                if let change = pending.withLock({ state -> Change? in
                    defer { state = nil }
                    return state
                }) {
                    return change
                }
            }
            return nil
        }
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    func stop() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Files editors write beside the ones they save: swap and backup files, vim's `4913` probe.
    static func isNoise(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913"
    }

    /// Waits until `fd` has something to read (true) or `wake` is written to or the time is up (false).
    private static func wait(for fd: Int32?, wake: Int32, milliseconds: Int32) -> (ready: Bool, woken: Bool) {
        var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        if let fd { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        while poll(&fds, nfds_t(fds.count), milliseconds) < 0 {
            if errno != EINTR { return (false, true) }
        }
        return (fds.count > 1 && fds[1].revents != 0, fds[0].revents != 0)
    }

    #if os(Linux)
        /// False when inotify is not available (then the caller scans).
        private static func watchWithInotify(
            _ folders: [String], wake: Int32, ready: () -> Void, report: (Change) -> Void
        ) -> Bool {
            let fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { return false }
            defer { close(fd) }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
            var watched: [Int32: String] = [:]
            func watch(_ folder: String) -> Bool {
                let descriptor = inotify_add_watch(fd, folder, mask)
                guard descriptor >= 0 else { return false }
                watched[descriptor] = folder
                let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for child in children where !isNoise(Substring(child)) {
                    var isDirectory: ObjCBool = false
                    let path = "\(folder)/\(child)"
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                        !watch(path)
                    {
                        return false
                    }
                }
                return true
            }
            for folder in folders where !watch(folder) { return false }
            ready()

            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var batch: Change?
            while true {
                // Block until something happens; then gather what follows within 5 ms,
                // since one save can be several events (a temporary file written, then
                // renamed over the fiche), all sent at once.
                let (ready, woken) = wait(for: fd, wake: wake, milliseconds: batch == nil ? -1 : 5)
                if woken { return true }
                if !ready {
                    if let batch { report(batch) }
                    batch = nil
                    continue
                }
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else { continue }
                var offset = 0
                while offset + 16 <= count {
                    let (descriptor, eventMask, length) = buffer.withUnsafeBytes { raw in
                        (
                            raw.load(fromByteOffset: offset, as: Int32.self),
                            raw.load(fromByteOffset: offset + 4, as: UInt32.self),
                            Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                    offset += 16 + length
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    // Events were lost: anything may have changed.
                    if eventMask & UInt32(IN_Q_OVERFLOW) != 0 { batch = .everything }
                    guard let folder = watched[descriptor] else { continue }
                    if eventMask & UInt32(IN_IGNORED) != 0 { watched[descriptor] = nil }
                    if name.isEmpty || isNoise(Substring(name)) { continue }
                    let path = "\(folder)/\(name)"
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        _ = watch(path)
                    }
                    batch = (batch ?? .paths([])).merged(with: .paths([path]))
                }
            }
        }
    #endif

    /// The fallback: every 250 ms, the modification time and size of every file.
    private static func watchByScanning(
        _ folders: [String], wake: Int32, ready: () -> Void, report: (Change) -> Void
    ) {
        func state() -> [String: [Int]] {
            var files: [String: [Int]] = [:]
            for folder in folders {
                guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
                while let path = enumerator.nextObject() as? String {
                    if path.split(separator: "/").contains(where: isNoise) { continue }
                    var info = stat()
                    guard stat("\(folder)/\(path)", &info) == 0 else { continue }
                    #if os(Linux)
                        let modified = info.st_mtim
                    #else
                        let modified = info.st_mtimespec
                    #endif
                    files["\(folder)/\(path)"] = [
                        Int(modified.tv_sec), Int(modified.tv_nsec), Int(info.st_size), Int(info.st_mode),
                    ]
                }
            }
            return files
        }
        var last = state()
        ready()
        while !wait(for: nil, wake: wake, milliseconds: 250).woken {
            let now = state()
            guard now != last else { continue }
            let changed = Set(now.keys).symmetricDifference(last.keys).union(now.keys.filter { now[$0] != last[$0] })
            last = now
            report(.paths(changed))
        }
    }
}
