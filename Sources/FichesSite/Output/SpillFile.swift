import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes kept on disk instead of in memory until they are needed again: what a
/// large build takes from each fiche for the pages about all of them. The file
/// has no name (it is removed as soon as it is opened), so it goes away with
/// the process whatever happens; the kernel's page cache keeps it fast.
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
