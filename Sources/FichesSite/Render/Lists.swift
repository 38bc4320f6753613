import FichesCore

/// The fiches of one right, for its pages: those whose main right it is, then
/// those that have it as another right, fifty a page.
struct RightList: Sendable {
    let droit: Term
    let main: [LoadedFiche]
    let others: [LoadedFiche]

    /// The fiches that have this right, main or not.
    var total: Int { main.count + others.count }

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
        let count = max(1, (total + SiteRenderer.perPage - 1) / SiteRenderer.perPage)
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

/// How the pages about all fiches are laid out. Below `largeFrom` fiches in
/// the sources (200 or fewer), the guide is one printable page of every fiche
/// by main right and the contacts one page. From it on, the guide is a contents
/// page and, for each right, parts of fifty fiches at `guide/<droit>/<n>/`, and
/// the contacts are pages of a hundred organisations.
struct Layout: Sendable {
    static let largeFrom = 201
    let large: Bool

    init(sourceFiles: Int) {
        large = sourceFiles >= Self.largeFrom
    }

    /// From a page of the guide to the root of the site.
    var guideRoot: String { large ? "../../../" : "../" }

    static func path(_ id: String, part number: Int) -> String { "guide/\(id)/\(number)/" }

    /// A large catalogue's contacts hold this many organisations a page.
    static let organisationsPerPage = 100

    /// The organisations of the fiches' contacts by folded name, in French order;
    /// within one, identical contacts are merged and list every fiche they serve.
    func contactPages(_ fiches: [LoadedFiche]) -> [ContactPage] {
        var groups: [String: ContactPage.Organisation] = [:]
        for loaded in fiches {
            for contact in loaded.fiche!.contacts {
                let key = Slug.fold(contact.organisation)
                var group = groups.removeValue(forKey: key) ?? ContactPage.Organisation(name: contact.organisation)
                group.add(contact, serving: loaded)
                groups[key] = group
            }
        }
        let organisations = groups.values.sortedInFrenchOrder { $0.name }
        let size = large ? Self.organisationsPerPage : max(organisations.count, 1)
        let count = max(1, (organisations.count + size - 1) / size)
        return (1...count).map { number in
            let start = (number - 1) * size
            return ContactPage(
                number: number, count: count,
                organisations: Array(
                    organisations[min(start, organisations.count)..<min(start + size, organisations.count)]))
        }
    }

    /// One part for the single page; the parts of each right otherwise.
    func parts(_ lists: [RightList]) -> [GuidePart] {
        let sections = lists.filter { !$0.main.isEmpty }.map { GuidePart.Section(droit: $0.droit, fiches: $0.main) }
        guard large else { return [GuidePart(path: "guide/", sections: sections)] }
        return sections.flatMap { section in
            let starts = Array(stride(from: 0, to: section.fiches.count, by: SiteRenderer.perPage))
            return starts.enumerated().map { index, start in
                let members = section.fiches[start..<min(start + SiteRenderer.perPage, section.fiches.count)]
                return GuidePart(
                    path: Self.path(section.droit.id, part: index + 1), number: index + 1, count: starts.count,
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
    /// The parts of its right (1 for the single page).
    var count = 1
    var sections: [Section]
    var droit: Term { sections[0].droit }
}

/// A page of the contacts.
struct ContactPage: Sendable {
    struct Organisation: Sendable {
        var name: String
        /// In the order first met, each with the fiches it serves.
        var contacts: [(Contact, [LoadedFiche])] = []
        private var index: [Contact: Int] = [:]

        init(name: String) {
            self.name = name
        }

        mutating func add(_ contact: Contact, serving loaded: LoadedFiche) {
            guard let position = index[contact] else {
                index[contact] = contacts.count
                contacts.append((contact, [loaded]))
                return
            }
            if contacts[position].1.last?.slug != loaded.slug { contacts[position].1.append(loaded) }
        }
    }

    let number: Int
    let count: Int
    let organisations: [Organisation]

    var path: String { Self.path(number) }

    /// `contacts/`, then `contacts/2/`…
    static func path(_ number: Int) -> String { number == 1 ? "contacts/" : "contacts/\(number)/" }

    /// What the page is made of: its place, its organisations, their contacts and the versions of their fiches.
    var key: String {
        "\(number)/\(count):"
            + organisations.map { organisation in
                organisation.name + "="
                    + organisation.contacts.map { contact, fiches in
                        "\(contact.hashValue)@" + fiches.map { String($0.version) }.joined(separator: ",")
                    }.joined(separator: ";")
            }.joined(separator: "|")
    }

    /// The fiches whose contacts this page shows, each once, in the order met.
    var fiches: [LoadedFiche] {
        var seen: Set<String> = []
        return organisations.flatMap { $0.contacts.flatMap(\.1) }.filter { seen.insert($0.slug).inserted }
    }
}
