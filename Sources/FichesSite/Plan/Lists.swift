import FichesCore

/// The fiches of one right, for its pages: those whose main right it is, then
/// those that have it as another right, fifty a page.
struct RightList: Sendable {
    let droit: Term
    let main: [PublishedFiche]
    let others: [PublishedFiche]

    /// Lists of fiches (a right's pages, a part of the guide) hold this many fiches a page.
    static let perPage = 50

    /// The fiches that have this right, main or not.
    var total: Int { main.count + others.count }

    /// One page of the list: what its page is made of.
    struct Page: Sendable, Equatable {
        let droit: Term
        /// From 1.
        let number: Int
        let count: Int
        /// The fiches of the right, on every page.
        let total: Int
        let main: ArraySlice<PublishedFiche>
        let others: ArraySlice<PublishedFiche>
        /// Whether the page has the section of main fiches, and of the others: a
        /// section shows, empty, on the first page (main) or the last (others)
        /// when the right has none of its kind.
        let showsMain: Bool
        let showsOthers: Bool
        /// For a right without fiches: the rights that have some, to turn to.
        var neighbours: [RightCount] = []
    }

    /// A right and its number of fiches.
    struct RightCount: Sendable, Equatable {
        let droit: Term
        let count: Int
    }

    /// At least one page, even for a right without fiches.
    func pages() -> [Page] {
        let ranges = pageRanges(count: total, size: Self.perPage)
        return ranges.enumerated().map { index, range in
            let number = index + 1
            let mainHere = main[min(range.lowerBound, main.count)..<min(range.upperBound, main.count)]
            let othersHere = others[max(0, range.lowerBound - main.count)..<max(0, range.upperBound - main.count)]
            return Page(
                droit: droit, number: number, count: ranges.count, total: total, main: mainHere, others: othersHere,
                showsMain: !mainHere.isEmpty || main.isEmpty && number == 1,
                showsOthers: !othersHere.isEmpty || others.isEmpty && number == ranges.count)
        }
    }
}

/// The fiches of a province, of an initiator or of a public, in French order,
/// fifty a page, like a right's.
struct TermList: Sendable {
    let kind: ListKind
    let term: Term
    let fiches: [PublishedFiche]

    struct Page: Sendable, Equatable {
        let kind: ListKind
        let term: Term
        /// From 1.
        let number: Int
        let count: Int
        /// The fiches of the list, on every page.
        let total: Int
        let fiches: ArraySlice<PublishedFiche>
        /// On a province's page: every province and its communes, with their counts.
        var provinces: [HomeList] = []
        var communes: [HomeList] = []
        /// On a commune's page: its province.
        var province: Term?
    }

    /// At least one page, even for a province without fiches.
    func pages() -> [Page] {
        let ranges = pageRanges(count: fiches.count, size: RightList.perPage)
        return ranges.enumerated().map { index, range in
            Page(
                kind: kind, term: term, number: index + 1, count: ranges.count, total: fiches.count,
                fiches: fiches[range])
        }
    }

    /// The lists of `fiches` (in French order): every province and initiator
    /// of the catalogue, and every public and commune a fiche names, by its
    /// slug, with the label it is first written with.
    static func lists(_ fiches: [PublishedFiche], catalogue: Catalogue) -> [TermList] {
        var provinces: [String: [PublishedFiche]] = [:]
        var porteurs: [String: [PublishedFiche]] = [:]
        var publics: [String: (label: String, fiches: [PublishedFiche])] = [:]
        var communes: [String: (label: String, fiches: [PublishedFiche])] = [:]
        for published in fiches {
            let fiche = published.fiche
            if let province = fiche.territoire?.province { provinces[province.id, default: []].append(published) }
            for commune in fiche.territoire?.communes ?? [] {
                communes[ListKind.communeID(commune), default: (commune, [])].fiches.append(published)
            }
            for porteur in fiche.porteurs { porteurs[porteur.id, default: []].append(published) }
            var seen: Set<String> = []
            for (label, id) in zip(fiche.publics, published.publicIDs) where !id.isEmpty && seen.insert(id).inserted {
                publics[id, default: (label, [])].fiches.append(published)
            }
        }
        return catalogue.provinces.map { TermList(kind: .province, term: $0, fiches: provinces[$0.id] ?? []) }
            + catalogue.porteurs.map { TermList(kind: .porteur, term: $0, fiches: porteurs[$0.id] ?? []) }
            + [(ListKind.publicVise, publics), (.commune, communes)].flatMap { kind, lists in
                lists.sorted {
                    (FrenchOrder.key($0.value.label), $0.key) < (FrenchOrder.key($1.value.label), $1.key)
                }.map { TermList(kind: kind, term: Term(id: $0.key, libelle: $0.value.label), fiches: $0.value.fiches) }
            }
    }
}

/// The places of `count` items in pages of `size`: at least one page, empty when there is no item.
func pageRanges(count: Int, size: Int) -> [Range<Int>] {
    stride(from: 0, to: max(count, 1), by: size).map { $0..<min($0 + size, count) }
}

/// A right's fiches in the guide: the whole list on the one-page guide, or
/// fifty of them in a part of a split guide.
struct GuideEntry: Sendable, Equatable {
    let droit: Term
    let fiches: [PublishedFiche]
}

/// A part of a split guide: fifty fiches of one right.
struct GuidePartEntry: Sendable, Equatable {
    let droit: Term
    /// From 1.
    let number: Int
    /// The parts of its right.
    let count: Int
    let fiches: ArraySlice<PublishedFiche>

    /// The parts of each right with fiches whose main right it is.
    static func parts(_ lists: [RightList]) -> [GuidePartEntry] {
        lists.filter { !$0.main.isEmpty }.flatMap { list in
            let ranges = pageRanges(count: list.main.count, size: RightList.perPage)
            return ranges.enumerated().map { index, range in
                GuidePartEntry(droit: list.droit, number: index + 1, count: ranges.count, fiches: list.main[range])
            }
        }
    }
}

/// The organisations of the fiches' contacts, in French order, in pages.
enum ContactList {
    /// A large catalogue's contacts hold this many organisations a page.
    static let organisationsPerPage = 100

    /// One organisation, by its folded name; identical contacts merged.
    struct Organisation: Sendable, Equatable {
        var name: String
        /// The name folded: what the organisation is found and sorted by.
        var key: String
        /// In the order first met, each with the fiches it serves.
        var contacts: [Served]
    }

    struct Served: Sendable, Equatable {
        var contact: Contact
        var fiches: [PublishedFiche]
    }

    struct Page: Sendable, Equatable {
        /// From 1.
        let number: Int
        let count: Int
        let organisations: ArraySlice<Organisation>

        /// The fiches whose contacts this page shows, each once, in the order met.
        var fiches: [PublishedFiche] {
            var seen: Set<ObjectIdentifier> = []
            return organisations.flatMap { $0.contacts.flatMap(\.fiches) }.filter {
                seen.insert(ObjectIdentifier($0)).inserted
            }
        }
    }

    /// `fiches` in French order; one page unless `split`.
    static func pages(_ fiches: [PublishedFiche], split: Bool) -> [Page] {
        // The organisations in the order met, found by folded name; their contacts' places by hash.
        var organisations: [Organisation] = []
        var places: [String: Int] = [:]
        var contactPlaces: [[Int: [Int]]] = []
        for published in fiches {
            for (position, contact) in published.fiche.contacts.enumerated() {
                let key = published.organisationKeys[position]
                let hash = published.contactHashes[position]
                let place: Int
                if let known = places[key] {
                    place = known
                } else {
                    place = organisations.count
                    places[key] = place
                    organisations.append(Organisation(name: contact.organisation, key: key, contacts: []))
                    contactPlaces.append([:])
                }
                if let same = contactPlaces[place][hash]?.first(where: {
                    organisations[place].contacts[$0].contact == contact
                }) {
                    if organisations[place].contacts[same].fiches.last !== published {
                        organisations[place].contacts[same].fiches.append(published)
                    }
                } else {
                    contactPlaces[place][hash, default: []].append(organisations[place].contacts.count)
                    organisations[place].contacts.append(Served(contact: contact, fiches: [published]))
                }
            }
        }
        organisations.sort { ($0.key, $0.name) < ($1.key, $1.name) }
        let ranges = pageRanges(
            count: organisations.count, size: split ? organisationsPerPage : max(organisations.count, 1))
        return ranges.enumerated().map { index, range in
            Page(number: index + 1, count: ranges.count, organisations: organisations[range])
        }
    }
}
