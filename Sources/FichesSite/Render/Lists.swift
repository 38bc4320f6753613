import FichesCore

/// The fiches of one right, for its pages: those whose main right it is, then
/// those that have it as another right, fifty a page.
struct RightList: Sendable {
    let droit: Term
    let main: [LoadedFiche]
    let others: [LoadedFiche]

    struct Page: Sendable {
        let list: RightList
        /// From 1.
        let number: Int
        let count: Int
        let fiches: ArraySlice<LoadedFiche>
        var path: String { RightList.path(list.droit.id, page: number) }
        var isLast: Bool { number == count }
    }

    /// At least one page, even for a right without fiches.
    func pages() -> [Page] {
        let all = main + others
        let count = max(1, (all.count + SiteRenderer.perPage - 1) / SiteRenderer.perPage)
        return (1...count).map { number in
            let start = (number - 1) * SiteRenderer.perPage
            return Page(
                list: self, number: number, count: count,
                fiches: all[start..<min(start + SiteRenderer.perPage, all.count)])
        }
    }

    /// `droits/sante/`, then `droits/sante/2/`…
    static func path(_ id: String, page number: Int) -> String {
        number == 1 ? "droits/\(id)/" : "droits/\(id)/\(number)/"
    }
}

/// The guide: one printable page of every fiche by main right, or past
/// `singlePageLimit` fiches in the sources, a contents page and, for each
/// right, parts of fifty fiches at `guide/<droit>/<n>/`.
struct GuideLayout: Sendable, Equatable {
    static let singlePageLimit = 200
    let split: Bool

    init(sourceFiles: Int) {
        split = sourceFiles > Self.singlePageLimit
    }

    /// From a page of the guide to the root of the site.
    var root: String { split ? "../../../" : "../" }

    static func path(_ id: String, part number: Int) -> String { "guide/\(id)/\(number)/" }

    /// One part for the single page; the parts of each right otherwise.
    func parts(_ lists: [RightList]) -> [GuidePart] {
        let sections = lists.filter { !$0.main.isEmpty }.map { GuidePart.Section(droit: $0.droit, fiches: $0.main) }
        guard split else { return [GuidePart(path: "guide/", sections: sections)] }
        return sections.flatMap { section in
            stride(from: 0, to: section.fiches.count, by: SiteRenderer.perPage).enumerated().map { index, start in
                let members = section.fiches[start..<min(start + SiteRenderer.perPage, section.fiches.count)]
                return GuidePart(
                    path: Self.path(section.droit.id, part: index + 1), number: index + 1,
                    sections: [GuidePart.Section(droit: section.droit, fiches: Array(members))])
            }
        }
    }
}

/// A page of the guide.
struct GuidePart: Sendable {
    struct Section: Sendable {
        var droit: Term
        var fiches: [LoadedFiche]
    }

    var path: String
    var number = 1
    var sections: [Section]
    var droit: Term { sections[0].droit }
}
