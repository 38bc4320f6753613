import FichesCore
import FichesMarkdown

/// The checks of a fiche's body that need nothing but the body: made once, when
/// the fiche is read. Its headings' levels, its raw HTML, and its links and
/// images except those to other fiches and to files (`CrossReferences`).
enum BodyChecks {
    /// `statut` is the fiche's, nil when its front matter could not be read: an
    /// example address is an error in a fiche to publish, a warning in a draft.
    static func diagnostics(of outline: LoadedFiche.Outline, file: SourceFile, statut: Fiche.Statut?) -> [Diagnostic] {
        var collector = DiagnosticCollector(file: file.display)
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(line: line + outline.lineOffset, column: column)
        }
        for heading in outline.headings where heading.level == 1 {
            collector.error(
                "intertitre de niveau 1 « # \(heading.text) » : le titre de la fiche est le seul de ce niveau ; "
                    + "commencez les intertitres par « ## »", at: at(heading.line, heading.column))
        }
        for html in outline.rawHTML {
            let snippet = html.html.count > 40 ? html.html.prefix(40) + "…" : html.html
            collector.warning(
                "le HTML n'est pas publié : « \(snippet) » est ignoré ; utilisez la syntaxe Markdown",
                at: at(html.line, html.column))
        }
        for (link, target) in outline.links {
            switch problem(link, target, headings: outline.headings, statut: statut) {
            case .error(let message)?: collector.error(message, at: at(link.line, link.column))
            case .warning(let message)?: collector.warning(message, at: at(link.line, link.column))
            case nil: break
            }
        }
        return collector.diagnostics
    }

    enum Problem {
        case error(String), warning(String)
    }

    private static func problem(
        _ link: MarkdownLink, _ target: LinkTarget, headings: [MarkdownHeading], statut: Fiche.Statut?
    ) -> Problem? {
        let isImage = link.kind == .image
        if isImage, link.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return .error(
                "image sans texte alternatif : décrivez-la entre les crochets, ![description](\(link.destination))")
        }
        switch target {
        case .script(let scheme):
            return isImage
                ? .error("image « \(scheme): » refusée")
                : .warning("lien « \(scheme): » supprimé : seul son texte est publié")
        case .refused(let reason):
            return .error(reason)
        case .external(let url):
            if isImage { return .error("image distante « \(url) » : enregistrez l'image à côté de la fiche") }
            return externalProblem(url, text: link.text, statut: statut)
        case .section(let id):
            return sectionProblem(id, headings: headings, name: nil)
        case .fiche:
            return isImage ? .error("une fiche n'est pas une image : « \(link.destination) »") : nil
        case .file:
            return nil
        }
    }

    /// A section `#id` that no heading of `headings` has, in the fiche `name` (nil: this one).
    static func sectionProblem(_ id: String, headings: [MarkdownHeading], name: String?) -> Problem? {
        if headings.contains(where: { $0.id == id }) { return nil }
        let ids = headings.map(\.id)
        let place = name.map { " dans « \($0) »" } ?? " dans cette fiche"
        let hint = Suggestion.closest(to: id, in: ids).map { " ; vouliez-vous dire « #\($0) » ?" }
        let known =
            ids.isEmpty
            ? " (elle n'a pas d'intertitre)" : (hint ?? " ; sections : " + ids.map { "#\($0)" }.joined(separator: ", "))
        return .error("section « #\(id) » introuvable\(place)" + known)
    }

    private static func externalProblem(_ url: String, text: String, statut: Fiche.Statut?) -> Problem? {
        let lower = url.lowercased()
        /// An address of a domain kept for examples, left where a real one must be.
        func example(_ what: String) -> Problem? {
            switch statut {
            case .publie?:
                .error("\(what) : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)")
            case .brouillon?: .warning("\(what) : à remplacer avant de publier la fiche")
            case nil: nil
            }
        }
        if lower.hasPrefix("mailto:") {
            let address = String(url.dropFirst(7).prefix { $0 != "?" })
            guard let email = EmailAddress(address.removingPercentEncoding ?? address) else {
                // A bare address (linked by GFM) is named as the editor wrote it.
                return .error(
                    text == address ? "courriel invalide « \(address) »" : "courriel invalide dans le lien « \(url) »")
            }
            return Placeholder.isExample(email) ? example("courriel d'exemple « \(email.address) »") : nil
        }
        if lower.hasPrefix("tel:") {
            let number = String(url.dropFirst(4))
            let plain = number.filter { !" .-".contains($0) }
            let valid = plain.hasPrefix("+") && plain.count >= 8 && plain.dropFirst().allSatisfy(\.isNumber)
            return valid || PhoneNumber(number) != nil ? nil : .error("numéro invalide dans le lien « \(url) »")
        }
        guard let web = WebURL(url) else { return .error("adresse web invalide « \(url) »") }
        return Placeholder.isExample(web) ? example("site d'exemple « \(url) »") : nil
    }
}
