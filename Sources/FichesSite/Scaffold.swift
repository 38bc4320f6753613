import FichesCore
import Foundation

/// `fiches new`: a fiche to fill in, with every required key, guidance for each
/// optional one, the usual sections, and `statut: brouillon` so that nothing
/// half-written is published.
public enum Scaffold {
    public struct Request: Sendable {
        public var titre: String
        public var droit: String
        public var province: String?
        public var porteur: String?
        public var source = "fiches"
        public var today = ISODate.today()

        public init(titre: String, droit: String, province: String? = nil, porteur: String? = nil) {
            self.titre = titre
            self.droit = droit
            self.province = province
            self.porteur = porteur
        }
    }

    /// A request the catalogue cannot honour: an unknown id, a title out of bounds.
    public struct Refusal: Error, Equatable, Sendable {
        public var message: String
    }

    /// Checks the request against the catalogue, then writes `<source>/<droit>/<slug>.md`;
    /// returns its path. Never overwrites a file, and refuses a name another fiche has.
    public static func create(_ request: Request) throws -> String {
        let source = SourceFolder(request.source)
        let (catalogue, diagnostics) = try source.readCatalogue()
        guard let catalogue else {
            throw BuildError(
                "catalogue illisible : \(diagnostics.map(\.description).joined(separator: " ; "))")
        }
        let request = try validate(request, against: catalogue)
        let path = path(titre: request.titre, droit: request.droit)
        let slug = Slug.ofFile(path)
        if let existing = try source.fiches().first(where: { $0.slug == slug }) {
            throw BuildError(
                existing.path == path
                    ? "la fiche \(existing.display) existe déjà : rien n'a été écrit"
                    : nameTaken(slug, by: existing.display))
        }
        let file = source.file(path)
        let folder = (file.display as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // `.withoutOverwriting`: a file that appeared meanwhile is not replaced either.
        do {
            try Data(text(request, catalogue: catalogue).utf8).write(
                to: URL(fileURLWithPath: file.display), options: .withoutOverwriting)
        } catch {
            throw BuildError("impossible d'écrire \(file.display) (\(error.localizedDescription))")
        }
        return file.display
    }

    /// Where a new fiche goes, in the source folder: `<droit principal>/<slug of its title>.md`
    /// (at the top without a known right; `nouvelle-fiche.md` for a title with no letter).
    public static func path(titre: String, droit: String?) -> String {
        let slug = Slug.make(from: titre)
        return (droit.map { "\($0)/" } ?? "") + (slug.isEmpty ? "nouvelle-fiche" : slug) + ".md"
    }

    /// Another fiche, at `display`, already has the name `slug`.
    public static func nameTaken(_ slug: String, by display: String) -> String {
        "une fiche porte déjà le nom « \(slug) » : \(display) ; choisissez un autre titre"
    }

    /// The request with each id as the catalogue writes it (`Hainaut` is
    /// `hainaut`), or the refusal of a title out of bounds or an unknown id.
    static func validate(_ request: Request, against catalogue: Catalogue) throws -> Request {
        let titre = request.titre.trimmingCharacters(in: .whitespaces)
        guard (5...200).contains(titre.count), !titre.contains(where: \.isNewline) else {
            throw Refusal(
                message:
                    "le titre doit tenir sur une ligne et compter de 5 à 200 caractères (il en compte \(titre.count))")
        }
        guard !Slug.make(from: titre).isEmpty else {
            throw Refusal(message: "le titre doit contenir des lettres ou des chiffres")
        }
        func id(_ id: String, in terms: [Term], unknown: String, option: String) throws -> String {
            if let (term, _) = terms.matching(id) { return term.id }
            let ids = terms.map(\.id)
            let choices = "valeurs possibles pour \(option) : \(ids.joined(separator: ", "))"
            let message = "\(unknown) « \(id) »"
            throw Refusal(
                message: Suggestion.closest(to: id, in: ids).map {
                    "\(message) ; vouliez-vous dire « \($0) » ? \(choices.capitalizedFirst)"
                }
                    ?? "\(message) ; \(choices)")
        }
        var request = request
        request.droit = try id(request.droit, in: catalogue.droits, unknown: "droit inconnu", option: "--droit")
        request.province = try request.province.map {
            try id($0, in: catalogue.provinces, unknown: "province inconnue", option: "--province")
        }
        request.porteur = try request.porteur.map {
            try id($0, in: catalogue.porteurs, unknown: "porteur inconnu", option: "--porteur")
        }
        return request
    }

    /// The fiche's text: its front matter as the preview's form writes a new
    /// fiche, with the values to replace, then the usual sections.
    static func text(_ request: Request, catalogue: Catalogue) -> String {
        // Every value to replace is one `Placeholder` recognises.
        let todo = Placeholder.text
        var values = FicheValues()
        values.titre = request.titre.trimmingCharacters(in: .whitespaces)
        values.resume = "\(todo) : deux ou trois phrases qui disent ce que fait la pratique et pour qui."
        values.droits = [request.droit]
        values.porteurs = request.porteur.map { [$0] } ?? []
        values.province = request.province ?? ""
        var contact = FicheValues.ContactValues()
        contact.organisation = todo
        contact.email = Placeholder.email
        values.contacts = [contact]
        values.miseAJour = request.today.description
        values.statut = Fiche.Statut.brouillon.rawValue
        return FicheFile.newText(
            values, body: body,
            header: [
                "# Fiche créée par « fiches new » le \(request.today). Remplacez chaque « \(todo) »,",
                "# puis supprimez la ligne « statut: brouillon » pour la publier.",
                "# Les lignes qui commencent par « # » sont des commentaires : elles ne sont pas publiées.",
            ], catalogue: catalogue, examples: true)
    }

    /// The usual sections, each to fill in.
    public static let body = """

        ## Contexte

        \(Placeholder.text) : pourquoi cette pratique existe.

        ## Objectifs

        \(Placeholder.text).

        ## Public

        \(Placeholder.text).

        ## Mise en œuvre

        \(Placeholder.text). Pour renvoyer à une autre fiche, écrivez son nom de fichier :
        `[le texte du lien](nom-de-la-fiche.md)`.

        ## Partenaires

        \(Placeholder.text).

        ## Points d'attention

        \(Placeholder.text).

        """
}

extension String {
    /// `valeurs` → `Valeurs`.
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
