import FichesCore
import FichesMarkdown
import Foundation
import FuzzDriver

/// A fiche body: the limits, then cmark-gfm's parse, the link and heading extraction, two renderings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard Markdown.limitProblem(in: text) == nil else { return 0 }
    _ = Markdown.render(
        text, reservedIDs: ["contenu"], drop: { LinkTarget($0.destination, ficheDirectory: "sante") == .script },
        renderings: [
            MarkdownRendering { "../../" + $0.destination },
            MarkdownRendering(idPrefix: "fiche-x--", headingShift: 2) { $0.destination },
        ])
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
