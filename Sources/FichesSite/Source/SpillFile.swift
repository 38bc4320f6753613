import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes kept on disk instead of in memory until a page needs them: what each
/// fiche keeps for the pages about several fiches (its body as the guide shows
/// it, its search result), ten thousand of which would weigh a hundred
/// megabytes. The file has no name (it is removed as soon as it is opened), so
/// it goes away with the last fiche read into it, or with the process; the
/// kernel's page cache keeps it fast. Append-only: the preview adds a fiche's
/// bytes each time it reads the fiche again, and starts a new file when it
/// reads everything again.
final class SpillFile: Sendable {
    /// Where some bytes are in the file.
    struct Span: Sendable {
        let offset: Int
        let count: Int
    }

    private let descriptor: Int32
    private let end = Mutex(0)

    /// Nil when no temporary file can be made (the caller keeps the bytes in memory).
    init?() {
        var template = Array((NSTemporaryDirectory() + "/fiches-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `bytes`; nil if they could not be written.
    func keep(_ bytes: some Collection<UInt8>) -> Span? {
        let bytes = Array(bytes)
        let offset = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        return bytes.withUnsafeBytes { buffer -> Span? in
            var done = 0
            while done < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return nil }
                done += written
            }
            return Span(offset: offset, count: buffer.count)
        }
    }

    /// The bytes kept at `span`.
    func bytes(at span: Span) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: span.count) { buffer, count in
            var done = 0
            while done < span.count {
                let read = pread(descriptor, buffer.baseAddress! + done, span.count - done, off_t(span.offset + done))
                if read < 0, errno == EINTR { continue }
                precondition(read > 0, "fiches: relecture impossible du fichier temporaire")
                done += read
            }
            count = span.count
        }
    }
}

/// Bytes a fiche keeps for a later page: in a spill file, or in memory when
/// none could be made.
struct KeptBytes: Sendable {
    private enum Storage: Sendable {
        case memory([UInt8])
        case spilled(SpillFile, SpillFile.Span)
    }

    private let storage: Storage

    init(_ bytes: some Collection<UInt8>, in file: SpillFile?) {
        if let file, let span = file.keep(bytes) {
            storage = .spilled(file, span)
        } else {
            storage = .memory(Array(bytes))
        }
    }

    var bytes: [UInt8] {
        switch storage {
        case .memory(let bytes): return bytes
        case .spilled(let file, let span): return file.bytes(at: span)
        }
    }
}
