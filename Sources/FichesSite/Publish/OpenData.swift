import FichesCore
import Foundation

/// `fiches.json` (described by `fiches.schema.json`), `fiches.csv` (RFC 4180)
/// and `fiches-excel.csv` (`;` and a byte order mark, for Excel in Belgium):
/// every published fiche with its metadata, contacts and links, in slug order.
/// Dates come from the fiches only, so two builds of the same sources are identical.
enum OpenData {
    /// Raised only when a field changes meaning or goes away.
    static let version = 1

    /// `fiches.json`: `fiches` in slug order. The document's members are written one
    /// by one, and each fiche's entry on its own: ten thousand fiches are never a
    /// tree in memory at once.
    static func json(_ fiches: [PublishedFiche], catalogue: Catalogue, router: Router) -> Data {
        let droits: JSONValue = .array(
            catalogue.droits.map { droit in
                .object([
                    "fiches": .int(fiches.filter { $0.fiche.droits.contains(droit) }.count), "id": .string(droit.id),
                    "libelle": .string(droit.libelle),
                ])
            })
        let site: JSONValue = .object([
            "editeur": .string(catalogue.site.editeur), "langue": .string(catalogue.site.langue),
            "titre": .string(catalogue.site.titre), "url": .string(router.baseURL),
            "licence": catalogue.site.licence.map { .object(["titre": .string($0.titre), "url": .string($0.url)]) },
        ])
        // Each fiche's bytes go into `data` as they are made: the file is in memory once, not twice.
        let exported = Exported(catalogue)
        var data = Data()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        /// `"key" : ` at the first level of the document.
        func key(_ name: String) {
            bytes += Array("  \"\(name)\" : ".utf8)
        }
        bytes += Array("{\n".utf8)
        key("droits")
        droits.write(into: &bytes, format: .readable, level: 1)
        bytes += Array(",\n".utf8)
        key("fiches")
        bytes.append(UInt8(ascii: "["))
        for (index, published) in fiches.enumerated() {
            bytes += Array((index > 0 ? ",\n    " : "\n    ").utf8)
            entry(published.fiche, content: published.content, router: router, privacy: exported)
                .write(into: &bytes, format: .readable, level: 2)
            data.append(contentsOf: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        bytes += Array((fiches.isEmpty ? "\n\n  ],\n" : "\n  ],\n").utf8)
        // The newest `mise-a-jour`: the date of the data, not of the build.
        if let newest = fiches.map(\.fiche.miseAJour).max() {
            key("genere-le")
            JSONValue.string(newest.description).write(into: &bytes, format: .readable, level: 1)
            bytes += Array(",\n".utf8)
        }
        if !catalogue.retirees.isEmpty {
            key("retirees")
            JSONValue.array(
                catalogue.retirees.map {
                    .object([
                        "slug": .string($0.fiche.slug), "titre": .string($0.titre),
                        "date": .string($0.date.description),
                        "url": .string(router.absolute(.fiche(slug: $0.fiche.slug))),
                        "raison": $0.raison.map(JSONValue.string),
                        "voir": $0.voir.isEmpty ? nil : .array($0.voir.map { .string($0.slug) }),
                    ])
                }
            ).write(into: &bytes, format: .readable, level: 1)
            bytes += Array(",\n".utf8)
        }
        key("site")
        site.write(into: &bytes, format: .readable, level: 1)
        bytes += Array(",\n".utf8)
        key("version")
        bytes += Array("\(version)\n}\n".utf8)
        data.append(contentsOf: bytes)
        return data
    }

    /// What the bulk exports keep of a contact: no name of a person, and only
    /// the e-mail addresses that name nobody, unless `vie-privee: exports` in
    /// `catalogue.yml` opts them in.
    struct Exported: Sendable {
        let names: Bool
        let emails: Catalogue.Privacy.Emails

        init(_ catalogue: Catalogue) {
            names = catalogue.viePrivee?.exportNoms ?? false
            emails = catalogue.viePrivee?.exportCourriels ?? .generiques
        }

        /// `prenom.nom@…`, `p_nom@…`, `prenom-nom@…`: a local part of several
        /// words names a person. (`jdupont@` does too, and is not seen.)
        static func namesAPerson(_ email: EmailAddress) -> Bool {
            let local = email.address.prefix { $0 != "@" }
            return local.contains(where: { $0 == "." || $0 == "_" || $0 == "-" })
        }

        func keeps(_ email: EmailAddress) -> Bool {
            switch emails {
            case .toutes: true
            case .generiques: !Self.namesAPerson(email)
            case .aucune: false
            }
        }

        /// The fields of `contact` left out, as `masque` lists them.
        func withheld(_ contact: Contact) -> [String] {
            (contact.nom != nil && !names ? ["nom"] : []) + (contact.email.map { keeps($0) ? [] : ["email"] } ?? [])
        }
    }

    static func entry(_ fiche: Fiche, content: FicheContent, router: Router, privacy: Exported) -> JSONValue {
        func labelled(_ term: Term) -> JSONValue {
            .object(["id": .string(term.id), "libelle": .string(term.libelle)])
        }
        return .object([
            "slug": .string(fiche.slug), "url": .string(router.absolute(.fiche(slug: fiche.slug))),
            "titre": .string(fiche.titre), "resume": .string(fiche.resume),
            "droits": .array(
                fiche.droits.map {
                    .object([
                        "id": .string($0.id), "libelle": .string($0.libelle),
                        "principal": .bool($0 == fiche.droitPrincipal),
                    ])
                }),
            "publics": .array(fiche.publics.map(JSONValue.string)),
            "porteurs": .array(fiche.porteurs.map(labelled)),
            "territoire": fiche.territoire.map {
                .object(["province": $0.province.map(labelled), "communes": .array($0.communes.map(JSONValue.string))])
            },
            "contacts": .array(
                fiche.contacts.map { contact in
                    let withheld = privacy.withheld(contact)
                    return .object([
                        "organisation": .string(contact.organisation),
                        "nom": withheld.contains("nom") ? nil : contact.nom.map(JSONValue.string),
                        "fonction": contact.fonction.map(JSONValue.string),
                        "email": withheld.contains("email") ? nil : contact.email.map { .string($0.address) },
                        "telephone": contact.telephone.map { .string($0.display) },
                        "telephone-e164": contact.telephone.map { .string($0.e164) },
                        "site": contact.site.map { .string($0.absoluteString) },
                        "adresse": contact.adresse.map(JSONValue.string),
                        "masque": withheld.isEmpty ? nil : .array(withheld.map(JSONValue.string)),
                    ])
                }),
            "liens": .array(
                fiche.liens.map { .object(["titre": .string($0.titre), "url": .string($0.url.absoluteString)]) }),
            "mise-a-jour": .string(fiche.miseAJour.description), "statut": .string(fiche.statut.rawValue),
            "corps": content.json,
            "anciennes-adresses": fiche.anciennesAdresses.isEmpty
                ? nil : .array(fiche.anciennesAdresses.map { .string($0.slug) }),
        ])
    }

    // MARK: CSV

    /// The columns, in order, and how each is read from a fiche; lists are joined with ` | `.
    static let columns: [(name: String, value: @Sendable (Fiche, Router, Exported) -> String)] = [
        ("slug", { fiche, _, _ in fiche.slug }),
        ("url", { fiche, router, _ in router.absolute(.fiche(slug: fiche.slug)) }),
        ("titre", { fiche, _, _ in fiche.titre }), ("resume", { fiche, _, _ in fiche.resume }),
        ("droit-principal", { fiche, _, _ in fiche.droitPrincipal.libelle }),
        ("droits", { fiche, _, _ in fiche.droits.map(\.libelle).joined(separator: " | ") }),
        ("publics", { fiche, _, _ in fiche.publics.joined(separator: " | ") }),
        ("porteurs", { fiche, _, _ in fiche.porteurs.map(\.libelle).joined(separator: " | ") }),
        ("province", { fiche, _, _ in fiche.territoire?.province?.libelle ?? "" }),
        ("communes", { fiche, _, _ in (fiche.territoire?.communes ?? []).joined(separator: " | ") }),
        // Contacts flattened: one column per field, the contacts in the same order in each.
        ("contacts-organisations", { fiche, _, _ in fiche.contacts.map(\.organisation).joined(separator: " | ") }),
        (
            "contacts-noms",
            { fiche, _, exported in
                fiche.contacts.map { exported.withheld($0).contains("nom") ? "" : $0.nom ?? "" }.joined(
                    separator: " | ")
            }
        ),
        ("contacts-fonctions", { fiche, _, _ in fiche.contacts.map { $0.fonction ?? "" }.joined(separator: " | ") }),
        (
            "contacts-emails",
            { fiche, _, exported in
                fiche.contacts.map { contact in contact.email.flatMap { exported.keeps($0) ? $0.address : nil } ?? "" }
                    .joined(separator: " | ")
            }
        ),
        (
            "contacts-telephones",
            { fiche, _, _ in fiche.contacts.map { $0.telephone?.display ?? "" }.joined(separator: " | ") }
        ),
        (
            "contacts-sites",
            { fiche, _, _ in fiche.contacts.map { $0.site?.absoluteString ?? "" }.joined(separator: " | ") }
        ),
        ("contacts-adresses", { fiche, _, _ in fiche.contacts.map { $0.adresse ?? "" }.joined(separator: " | ") }),
        // What each contact's page gives but the export withholds (`masque` in fiches.json).
        (
            "contacts-masques",
            { fiche, _, exported in
                fiche.contacts.map { exported.withheld($0).joined(separator: " ") }.joined(separator: " | ")
            }
        ),
        ("liens", { fiche, _, _ in fiche.liens.map(\.url.absoluteString).joined(separator: " | ") }),
        ("mise-a-jour", { fiche, _, _ in fiche.miseAJour.description }),
        ("statut", { fiche, _, _ in fiche.statut.rawValue }),
    ]

    /// RFC 4180: CRLF line ends, a field quoted when it holds the separator, a quote or a line end.
    /// For Excel, `;`, a byte order mark, and a field that starts like a formula (`=`, `+`, `-`, `@`,
    /// tab, carriage return) gets a leading `'`, so a spreadsheet shows it as text and never runs it.
    static func csv(_ fiches: [PublishedFiche], catalogue: Catalogue, router: Router, excel: Bool) -> Data {
        let exported = Exported(catalogue)
        let separator = UInt8(ascii: excel ? ";" : ",")
        var data = Data(excel ? "\u{FEFF}".utf8 : "".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        row(columns.map(\.name) + ["corps-markdown", "corps-texte"], separator: separator, excel: excel, into: &bytes)
        for published in fiches {
            // The body last: the longest fields, on several lines.
            let content = published.content
            row(
                columns.map { $0.value(published.fiche, router, exported) } + [content.markdown, content.texte],
                separator: separator, excel: excel, into: &bytes)
            data.append(contentsOf: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        return data
    }

    /// One row of a CSV, with its line end, on the bytes: the bodies make the
    /// rows long, and a string's search and replace would copy each one twice.
    static func row(_ values: [String], separator: UInt8, excel: Bool, into bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(separator) }
            var text = value
            text.withUTF8 { utf8 in
                let formula = excel && utf8.first.map { "=+-@\t\r".utf8.contains($0) } == true
                let quoted = utf8.contains { $0 == separator || $0 == quote || $0 == 0x0A || $0 == 0x0D }
                if quoted { bytes.append(quote) }
                if formula { bytes.append(UInt8(ascii: "'")) }
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == quote { bytes.append(quote) }
                }
                if quoted { bytes.append(quote) }
            }
        }
        bytes += [0x0D, 0x0A]
    }
}
