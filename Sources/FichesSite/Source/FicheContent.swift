import FichesCore
import FichesMarkdown
import Foundation

/// A fiche's body as the open data gives it: the Markdown source, the text a
/// reader sees, and each section (what comes before the first `##` heading,
/// then each `##` heading and what follows it up to the next) both ways.
struct FicheContent: Sendable, Equatable {
    struct Section: Sendable, Equatable {
        /// The heading's text and id; nil for the text before the first heading.
        var titre: String?
        var id: String?
        var markdown: String
        var texte: String
    }

    var markdown: String
    var texte: String
    var sections: [Section]

    /// From the body `markdown` and what cmark-gfm found in it. On the bytes:
    /// a string's line splitting made this a twentieth of a large build.
    init(markdown: String, outline: MarkdownOutline) {
        var markdown = markdown
        var text = outline.text
        let headings = outline.headings.filter { $0.level == 2 }
        var sections: [Section] = []
        markdown.withUTF8 { source in
            text.withUTF8 { plain in
                /// Where each line starts, and the end.
                var lineStarts = [0]
                for (index, byte) in source.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
                lineStarts.append(source.count)
                func lineStart(_ line: Int) -> Int { lineStarts[max(0, min(line - 1, lineStarts.count - 1))] }
                func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
                    var (start, end) = (
                        max(0, min(range.lowerBound, bytes.count)), max(0, min(range.upperBound, bytes.count))
                    )
                    func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
                    while start < end, blank(bytes[start]) { start += 1 }
                    while end > start, blank(bytes[end - 1]) { end -= 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                }
                let intro = Section(
                    titre: nil, id: nil,
                    markdown: trimmed(source, 0..<(headings.first.map { lineStart($0.line) } ?? source.count)),
                    texte: trimmed(plain, 0..<(headings.first?.textStart ?? plain.count)))
                if !intro.markdown.isEmpty { sections.append(intro) }
                for (index, heading) in headings.enumerated() {
                    let next = index + 1 < headings.count ? headings[index + 1] : nil
                    sections.append(
                        Section(
                            titre: heading.text, id: heading.id,
                            markdown: trimmed(
                                source, lineStart(heading.line)..<(next.map { lineStart($0.line) } ?? source.count)),
                            texte: trimmed(plain, heading.bodyStart..<(next?.textStart ?? plain.count))))
                }
            }
        }
        self.markdown = markdown.trimmingWhitespace
        texte = text.trimmingWhitespace
        self.sections = sections
    }

    /// The content as bytes, for its fiche to keep until the open data is
    /// written: each text as its length (four bytes) and its UTF-8, a missing
    /// one as the length `UInt32.max`. Made and read once per file that needs
    /// it; a JSON coder took a fifth of a 10,000-fiche build.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(markdown.utf8.count * 2 + texte.utf8.count * 2 + 64)
        func write(_ text: String?) {
            guard let text else { return withUnsafeBytes(of: UInt32.max.littleEndian) { bytes += $0 } }
            withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { bytes += $0 }
            bytes += text.utf8
        }
        write(markdown)
        write(texte)
        write(String(sections.count))
        for section in sections {
            write(section.titre)
            write(section.id)
            write(section.markdown)
            write(section.texte)
        }
        return bytes
    }

    /// What `bytes` wrote.
    init(bytes: [UInt8]) {
        var position = 0
        func read() -> String? {
            guard position + 4 <= bytes.count else { return nil }
            let length = bytes[position..<(position + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            position += 4
            guard length != UInt32.max else { return nil }
            let end = min(position + Int(length), bytes.count)
            defer { position = end }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }
        markdown = read() ?? ""
        texte = read() ?? ""
        let count = read().flatMap { Int($0) } ?? 0
        sections = (0..<count).map { _ in
            Section(titre: read(), id: read(), markdown: read() ?? "", texte: read() ?? "")
        }
    }

    /// As `fiches.json` writes it: the sections only, whose Markdown, joined
    /// by blank lines, is the whole source (the whole, written too, doubled the file).
    var json: JSONValue {
        .object([
            "sections": .array(
                sections.map {
                    .object([
                        "titre": $0.titre.map(JSONValue.string), "id": $0.id.map(JSONValue.string),
                        "markdown": .string($0.markdown), "texte": .string($0.texte),
                    ])
                })
        ])
    }
}
