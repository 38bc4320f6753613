import FichesCore
import FichesMarkdown
import Foundation

/// A fiche's body as the open data gives it: the Markdown source, the text a
/// reader sees, and each section (what comes before the first `##` heading,
/// then each `##` heading and what follows it up to the next) both ways.
struct FicheContent: Codable, Sendable, Equatable {
    struct Section: Codable, Sendable, Equatable {
        /// The heading's text and id; nil for the text before the first heading.
        var titre: String?
        var id: String?
        var markdown: String
        var texte: String
    }

    var markdown: String
    var texte: String
    var sections: [Section]

    /// From the body `markdown` and what cmark-gfm found in it.
    init(markdown: String, outline: MarkdownOutline) {
        let text = Array(outline.text.utf8)
        func plain(_ range: Range<Int>) -> String {
            let clamped = max(0, min(range.lowerBound, text.count))..<max(0, min(range.upperBound, text.count))
            return String(decoding: text[clamped], as: UTF8.self).trimmingWhitespace
        }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        func source(_ range: Range<Int>) -> String {
            lines[max(0, min(range.lowerBound, lines.count))..<max(0, min(range.upperBound, lines.count))]
                .joined(separator: "\n").trimmingWhitespace
        }
        let headings = outline.headings.filter { $0.level == 2 }
        var sections: [Section] = []
        let intro = Section(
            titre: nil, id: nil, markdown: source(0..<((headings.first?.line ?? lines.count + 1) - 1)),
            texte: plain(0..<(headings.first?.textStart ?? text.count)))
        if !intro.markdown.isEmpty { sections.append(intro) }
        for (index, heading) in headings.enumerated() {
            let next = index + 1 < headings.count ? headings[index + 1] : nil
            sections.append(
                Section(
                    titre: heading.text, id: heading.id,
                    markdown: source((heading.line - 1)..<((next?.line ?? lines.count + 1) - 1)),
                    texte: plain(heading.bodyStart..<(next?.textStart ?? text.count))))
        }
        self.markdown = markdown.trimmingWhitespace
        texte = outline.text.trimmingWhitespace
        self.sections = sections
    }

    /// As `fiches.json` writes it.
    var json: JSONValue {
        .object([
            "markdown": .string(markdown), "texte": .string(texte),
            "sections": .array(
                sections.map {
                    .object([
                        "titre": $0.titre.map(JSONValue.string), "id": $0.id.map(JSONValue.string),
                        "markdown": .string($0.markdown), "texte": .string($0.texte),
                    ])
                }),
        ])
    }
}
