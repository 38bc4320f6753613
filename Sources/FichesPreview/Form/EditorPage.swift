import FichesCore
import FichesSite
import Foundation
import SiteTemplate

/// The preview's form for a fiche: every field of the contract, each with its
/// label, its help and the tool's messages about it, a summary of the errors
/// at the top that links to each field (GOV.UK's pattern), and the fiche
/// rendered beside its text. Works as a plain form; `formulaire.js` adds the
/// live count and rendering.
struct EditorPage {
    enum Mode {
        case new
        case edit(slug: String, display: String)
    }

    /// A message of the tool, and the field it is about (nil: the summary only).
    struct Problem {
        var diagnostic: Diagnostic
        var field: String?
        /// Said with its file and line: a message about another fiche.
        var elsewhere = false
    }

    /// The file changed on disk since the form was opened: what it holds now.
    struct Conflict {
        /// The fields changed on both sides (or, without the version opened, every difference).
        var differences: [(label: String, disk: String, form: String)] = []
        /// The fields changed in the file only, whose new value the form took.
        var fromDisk: [String] = []
        var diskText: String
        /// Whether the version the form was opened on is known.
        var knowsOpened: Bool
    }

    var mode: Mode
    var values: FicheValues
    var body: String
    var catalogue: Catalogue
    var token: String
    /// The file the form was opened on (edits only), carried by the form: what
    /// the editor changed is what differs from it.
    var opened: Data?
    /// The title the file has (edits only): the page's heading.
    var savedTitle: String?
    var problems: [Problem] = []
    /// Why the save was refused, though the values are right.
    var refusal: String?
    var conflict: Conflict?
    /// The page shown beside the text, whole.
    var rendered: String
    /// The field to put the focus on (a block just added).
    var focus: String?
    /// Whether the form was sent (its messages are then about a save that did not happen).
    var submitted = false
    /// Said at the top: the fiche was saved.
    var notice: String?

    private var errors: [Problem] { problems.filter { $0.diagnostic.severity == .error } }
    private var warnings: [Problem] { problems.filter { $0.diagnostic.severity == .warning } }

    private var address: String {
        switch mode {
        case .new: "/_fiches/nouvelle-fiche"
        case .edit(let slug, _): "/_fiches/modifier/\(slug)"
        }
    }

    private var heading: String {
        switch mode {
        case .new: "Nouvelle fiche"
        case .edit: (savedTitle ?? "").isEmpty ? "Modifier la fiche" : "Modifier « \(savedTitle ?? "") »"
        }
    }

    var html: HTML {
        let hasErrors = !errors.isEmpty || refusal != nil
        let title = (hasErrors ? "Erreur : " : "") + heading + " — aperçu des fiches"
        return """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            <title>\(title)</title>
            <link rel="stylesheet" href="/assets/fiches.css">
            <link rel="stylesheet" href="\(PreviewServer.prefix)/formulaire.css">
            </head>
            <body>
            <a class="evitement" href="#contenu">Aller au formulaire</a>
            <header class="entete">
            <div class="cadre">
            <p class="marque"><a href="/">Aperçu des fiches</a></p>
            <nav id="navigation" aria-label="Navigation de l'aperçu">
            <ul>
            <li><a href="/">Accueil de l'aperçu</a></li>
            \(mode.slug, { "<li><a href=\"/fiches/\($0)/\">La fiche dans l'aperçu</a></li>\n" })</ul>
            </nav>
            </div>
            </header>
            <main id="contenu" class="cadre formulaire" tabindex="-1">
            <h1>\(heading)</h1>
            \(introduction)
            \(notice, { "<p class=\"enregistree\" role=\"status\">\($0)</p>\n" })\
            \(summary)
            \(conflictBox)
            <form method="post" action="\(address)" novalidate>
            <input type="hidden" name="jeton" value="\(token)">
            \(opened, { "<input type=\"hidden\" name=\"origine\" value=\"\($0.base64EncodedString())\">\n" })\
            <button class="visuellement-cache" type="submit" name="action" value="enregistrer" tabindex="-1" aria-hidden="true">Enregistrer</button>
            \(fields)
            <div class="actions">
            <button class="principal" type="submit" name="action" value="enregistrer">Enregistrer</button>
            <button type="submit" name="action" value="apercu">Vérifier et voir le rendu</button>
            <a href="\(mode.slug.map { "/fiches/\($0)/" } ?? "/")">Annuler</a>
            </div>
            </form>
            </main>
            <script src="\(PreviewServer.prefix)/formulaire.js" defer></script>
            </body>
            </html>

            """
    }

    private var introduction: HTML {
        switch mode {
        case .new:
            """
            <p>La fiche est enregistrée dans le dossier des fiches, sous son droit principal, avec un nom tiré de son titre. \
            Tant qu'elle est en brouillon, elle n'est pas publiée.</p>

            """
        case .edit(_, let display):
            """
            <p>Fichier : <code>\(display)</code>. Seuls les champs que vous modifiez sont réécrits ; \
            les commentaires et le reste du fichier restent tels quels.</p>

            """
        }
    }

    // MARK: Messages

    /// The errors at the top, each a link to its field; then the warnings, which do not stop a save.
    private var summary: HTML {
        guard !errors.isEmpty || refusal != nil || !warnings.isEmpty else { return .empty }
        func item(_ problem: Problem) -> HTML {
            if problem.elsewhere { return "<li>\(Self.elsewhere(problem))</li>\n" }
            let text = problem.diagnostic.message
            guard let field = problem.field else { return "<li>\(text)</li>\n" }
            return "<li><a href=\"#\(Self.id(field))\">\(Self.label(field)) : \(text)</a></li>\n"
        }
        let count = errors.count + (refusal == nil ? 0 : 1)
        let errorBox: HTML =
            count == 0
            ? .empty
            : """
            <div class="resume-erreurs" role="alert" tabindex="-1" aria-labelledby="resume-erreurs-titre"\(if: focus == nil, " autofocus")>
            <h2 id="resume-erreurs-titre">\(count == 1 ? "Un problème empêche" : "\(count) problèmes empêchent") d'enregistrer la fiche</h2>
            <p>\(submitted ? "Rien n'a été enregistré. Corrigez, puis enregistrez à nouveau." : "La fiche a déjà ces problèmes : corrigez-les avant d'enregistrer.")</p>
            <ul>
            \(refusal, { "<li>\($0)</li>\n" })\(errors.map(item))</ul>
            </div>

            """
        let warningBox: HTML =
            warnings.isEmpty
            ? .empty
            : """
            <div class="resume-avertissements">
            <h2>\(warnings.count == 1 ? "Un point à revoir (n'empêche pas d'enregistrer)" : "\(warnings.count) points à revoir (n'empêchent pas d'enregistrer)")</h2>
            <ul>
            \(warnings.map(item))</ul>
            </div>

            """
        return "\(errorBox)\(warningBox)"
    }

    private var conflictBox: HTML {
        guard let conflict else { return .empty }
        let rows = conflict.differences.map { difference -> HTML in
            """
            <tr><th scope="row">\(difference.label)</th><td data-titre="Version enregistrée"><pre>
            \(difference.disk)</pre></td><td data-titre="Votre version"><pre>
            \(Self.marked(from: difference.disk, to: difference.form))</pre></td></tr>

            """
        }
        let fromDisk = conflict.fromDisk.map { "« \($0) »" }.joined(separator: ", ")
        let table: HTML =
            rows.isEmpty
            ? .empty
            : """
            <p>\(conflict.knowsOpened ? "Modifié des deux côtés (le formulaire garde votre version ; ce qui est barré ne serait plus dans le fichier) :" : "Ce qui diffère entre les deux versions (le formulaire garde la vôtre ; ce qui est barré ne serait plus dans le fichier) :")</p>
            <table>
            <thead><tr><th scope="col">Champ</th><th scope="col">Version enregistrée</th><th scope="col">Votre version</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        return """
            <div class="conflit" role="alert" tabindex="-1"\(if: focus == nil && errors.isEmpty && refusal == nil, " autofocus")>
            <h2>Le fichier a changé depuis l'ouverture du formulaire</h2>
            <p>Quelqu'un (ou un autre programme) l'a enregistré entre-temps. Rien n'a été écrit.</p>
            \(if: !fromDisk.isEmpty, "<p>Modifié dans le fichier seulement, et repris tel quel dans le formulaire : \(fromDisk).</p>\n")\
            \(table)<p>Vérifiez le formulaire ci-dessous, puis enregistrez à nouveau ; ou, pour repartir de la version \
            enregistrée, <a href="\(address)">rouvrez le formulaire</a>.</p>
            <details>
            <summary>Le fichier enregistré, en entier</summary>
            <pre>
            \(conflict.diskText)</pre>
            </details>
            </div>

            """
    }

    /// A problem this change causes in another fiche: where, with a link to that fiche's form, and what.
    static func elsewhere(_ problem: Problem) -> HTML {
        let diagnostic = problem.diagnostic
        let slug = Slug.ofFile(diagnostic.file)
        return """
            Dans une autre fiche, <a href="/_fiches/modifier/\(slug)">\(diagnostic.file)</a> \
            (ligne \(diagnostic.location.line)) : \(diagnostic.message)
            """
    }

    /// The messages about `field`, under its label.
    private func messages(_ field: String) -> HTML {
        let mine = problems.filter { $0.field == field }
        guard !mine.isEmpty else { return .empty }
        let paragraphs = mine.map { problem -> HTML in
            let error = problem.diagnostic.severity == .error
            let text = problem.elsewhere ? Self.elsewhere(problem) : "\(problem.diagnostic.message)"
            return """
                <p class="\(error ? "message-erreur" : "message-avertissement")">\
                <span class="visuellement-cache">\(error ? "Erreur" : "À revoir") : </span>\(text)</p>

                """
        }
        return "<div id=\"\(Self.id(field))-message\">\n\(paragraphs)</div>\n"
    }

    private func hasError(_ field: String) -> Bool {
        problems.contains { $0.field == field && $0.diagnostic.severity == .error }
    }

    /// The attributes that tie a control to its help and messages.
    private func described(_ field: String, help: Bool = false) -> HTML {
        let ids =
            (help ? ["\(Self.id(field))-aide"] : [])
            + (problems.contains { $0.field == field } ? ["\(Self.id(field))-message"] : [])
        return """
            \(if: !ids.isEmpty, " aria-describedby=\"\(ids.joined(separator: " "))\"")\
            \(if: hasError(field), " aria-invalid=\"true\"")\(if: focus == field, " autofocus")
            """
    }

    // MARK: Fields

    private var fields: HTML {
        let droits = catalogue.droits
        let principal = values.droits.first ?? ""
        let autres = Set(values.droits.dropFirst())
        // Values the catalogue does not know stay visible, so that nothing is dropped unseen.
        let unknownDroits = values.droits.dropFirst().filter { id in !droits.contains { $0.id == id } }
        let unknownPorteurs = values.porteurs.filter { id in !catalogue.porteurs.contains { $0.id == id } }
        return """
            <div class="\(fieldClass("titre"))">
            <label for="champ-titre">Titre</label>
            <p class="aide" id="champ-titre-aide">De 5 à 200 caractères, sur une ligne.</p>
            \(messages("titre"))<input id="champ-titre" name="titre" type="text" value="\(values.titre)"\(described("titre", help: true))>
            </div>
            <div class="\(fieldClass("resume"))">
            <label for="champ-resume">Résumé</label>
            <p class="aide" id="champ-resume-aide">Deux ou trois phrases, en texte simple : ce que fait la pratique et pour qui. \
            Le résumé apparaît dans les listes et les résultats de recherche.</p>
            <p class="aide" id="resume-compte">\(Self.count(values.resume)).</p>
            \(messages("resume"))<textarea id="champ-resume" name="resume" rows="4" data-maximum="400" aria-describedby="champ-resume-aide resume-compte\(if: problems.contains { $0.field == "resume" }, " champ-resume-message")"\(if: hasError("resume"), " aria-invalid=\"true\"")>
            \(values.resume)</textarea>
            </div>
            <fieldset class="\(fieldClass("droit-principal"))">
            <legend>Droits</legend>
            \(messages("droit-principal"))<label for="champ-droit-principal">Droit principal</label>
            <p class="aide" id="champ-droit-principal-aide">La fiche est classée sous ce droit.</p>
            <select id="champ-droit-principal" name="droit-principal"\(described("droit-principal", help: true))>
            <option value=""\(if: principal.isEmpty, " selected")>Choisissez le droit principal</option>
            \(droits.map { "<option value=\"\($0.id)\"\(if: $0.id == principal, " selected")>\($0.libelle)</option>\n" as HTML })\
            \(if: !principal.isEmpty && !droits.contains { $0.id == principal }, "<option value=\"\(principal)\" selected>\(principal) (inconnu du catalogue)</option>\n")\
            </select>
            <fieldset class="cases">
            <legend>Autres droits (facultatif)</legend>
            \(droits.map { droit -> HTML in
                """
                <div class="case"><input type="checkbox" id="champ-droits-\(droit.id)" name="droits[]" value="\(droit.id)"\(if: autres.contains(droit.id), " checked")>\
                <label for="champ-droits-\(droit.id)">\(droit.libelle)</label></div>

                """
            })\(unknownDroits.map { id -> HTML in
                """
                <div class="case"><input type="checkbox" id="champ-droits-inconnu-\(Slug.make(from: id))" name="droits[]" value="\(id)" checked>\
                <label for="champ-droits-inconnu-\(Slug.make(from: id))">\(id) (inconnu du catalogue)</label></div>

                """
            })</fieldset>
            </fieldset>
            <div class="\(fieldClass("publics"))">
            <label for="champ-publics">Publics (facultatif)</label>
            <p class="aide" id="champ-publics-aide">En toutes lettres, un par ligne ou séparés par des virgules : aînés, personnes isolées…</p>
            \(messages("publics"))<textarea id="champ-publics" name="publics" rows="3"\(described("publics", help: true))>
            \(values.publics.joined(separator: "\n"))</textarea>
            </div>
            <fieldset class="cases \(fieldClass("porteurs"))" id="champ-porteurs">
            <legend>Porteurs (facultatif)</legend>
            \(messages("porteurs"))\(catalogue.porteurs.map { porteur -> HTML in
                """
                <div class="case"><input type="checkbox" id="champ-porteurs-\(porteur.id)" name="porteurs[]" value="\(porteur.id)"\(if: values.porteurs.contains(porteur.id), " checked")>\
                <label for="champ-porteurs-\(porteur.id)">\(porteur.libelle)</label></div>

                """
            })\(unknownPorteurs.map { id -> HTML in
                """
                <div class="case"><input type="checkbox" id="champ-porteurs-inconnu-\(Slug.make(from: id))" name="porteurs[]" value="\(id)" checked>\
                <label for="champ-porteurs-inconnu-\(Slug.make(from: id))">\(id) (inconnu du catalogue)</label></div>

                """
            })</fieldset>
            <fieldset>
            <legend>Territoire (facultatif)</legend>
            <div class="\(fieldClass("province"))">
            <label for="champ-province">Province</label>
            \(messages("province"))<select id="champ-province" name="province"\(described("province"))>
            <option value=""\(if: values.province.isEmpty, " selected")>Aucune</option>
            \(catalogue.provinces.map { "<option value=\"\($0.id)\"\(if: $0.id == values.province, " selected")>\($0.libelle)</option>\n" as HTML })\
            \(if: !values.province.isEmpty && !catalogue.provinces.contains { $0.id == values.province }, "<option value=\"\(values.province)\" selected>\(values.province) (inconnue du catalogue)</option>\n")\
            </select>
            </div>
            <div class="\(fieldClass("communes"))">
            <label for="champ-communes">Communes</label>
            <p class="aide" id="champ-communes-aide">Comme Statbel les écrit, une par ligne ou séparées par des virgules : Mons, Braine-l'Alleud…</p>
            \(messages("communes"))<textarea id="champ-communes" name="communes" rows="3"\(described("communes", help: true))>
            \(values.communes.joined(separator: "\n"))</textarea>
            </div>
            </fieldset>
            \(contacts)
            \(liens)
            <div class="\(fieldClass("mise-a-jour"))">
            <label for="champ-mise-a-jour">Date de mise à jour</label>
            <p class="aide" id="champ-mise-a-jour-aide">AAAA-MM-JJ, par exemple <time>\(ISODate.today().description)</time>.</p>
            \(messages("mise-a-jour"))<input id="champ-mise-a-jour" name="mise-a-jour" type="text" inputmode="numeric" value="\(values.miseAJour)" size="10"\(described("mise-a-jour", help: true))>
            </div>
            <fieldset class="\(fieldClass("statut"))" id="champ-statut">
            <legend>Statut</legend>
            \(messages("statut"))<div class="case"><input type="radio" id="champ-statut-brouillon" name="statut" value="brouillon"\(if: values.statut != "publie", " checked")>\
            <label for="champ-statut-brouillon">Brouillon : la fiche n'est pas publiée</label></div>
            <div class="case"><input type="radio" id="champ-statut-publie" name="statut" value="publie"\(if: values.statut == "publie", " checked")>\
            <label for="champ-statut-publie">Publiée</label></div>
            </fieldset>
            <div class="texte-et-rendu">
            <div class="\(fieldClass("corps"))">
            <label for="champ-corps">Texte de la fiche</label>
            <p class="aide" id="champ-corps-aide">En Markdown : « ## Contexte » pour un intertitre, « [texte](nom-de-la-fiche.md) » pour renvoyer à une autre fiche.</p>
            \(messages("corps"))<textarea id="champ-corps" name="corps" rows="24" spellcheck="true"\(described("corps", help: true))>
            \(body)</textarea>
            </div>
            <div class="rendu">
            <p id="rendu-titre">Rendu de la fiche</p>
            <iframe id="rendu" tabindex="-1" title="Rendu de la fiche" aria-describedby="rendu-titre" sandbox="allow-same-origin allow-popups" srcdoc="\(rendered)"></iframe>
            </div>
            </div>

            """
    }

    private var contacts: HTML {
        let blocks = values.contacts.isEmpty ? [FicheValues.ContactValues()] : values.contacts
        let labels: [(key: String, label: String, help: HTML?, mode: String)] = [
            ("organisation", "Organisation", nil, "text"),
            ("nom", "Nom de la personne (facultatif)", nil, "text"),
            ("fonction", "Fonction (facultatif)", nil, "text"),
            ("email", "Courriel", nil, "email"),
            (
                "telephone", "Téléphone",
                """
                <span class="sans-coupure">065 12 34 56</span>, <span class="sans-coupure">0470 12 34 56</span> \
                ou <span class="sans-coupure">+32 65 12 34 56</span>
                """, "tel"
            ),
            ("site", "Site", "https://…", "url"),
            ("adresse", "Adresse postale (facultatif)", nil, "text"),
        ]
        let items = blocks.enumerated().map { index, contact -> HTML in
            let inputs = labels.map { field -> HTML in
                let name = "contacts-\(index)-\(field.key)"
                return """
                    <div class="\(fieldClass(name))">
                    <label for="\(Self.id(name))">\(field.label)</label>
                    \(field.help, { "<p class=\"aide\" id=\"\(Self.id(name))-aide\">\($0)</p>\n" })\
                    \(messages(name))<input id="\(Self.id(name))" name="\(name)" type="text" inputmode="\(field.mode)" value="\(contact[field.key])"\(described(name, help: field.help != nil))>
                    </div>

                    """
            }
            return """
                <fieldset class="bloc">
                <legend>Contact \(index + 1)\(if: !contact.organisation.isEmpty, " : \(contact.organisation)")</legend>
                \(inputs)<button type="submit" name="action" value="retirer-contact-\(index)">Retirer le contact \(index + 1)</button>
                </fieldset>

                """
        }
        return """
            <fieldset class="repetable">
            <legend>Contacts</legend>
            <p class="aide">Au moins un, avec son organisation et au moins un courriel, un téléphone ou un site. \
            N'inventez jamais un contact.</p>
            \(items)<button type="submit" name="action" value="ajouter-contact">Ajouter un contact</button>
            </fieldset>

            """
    }

    private var liens: HTML {
        let items = values.liens.enumerated().map { index, lien -> HTML in
            let (titre, url) = ("liens-\(index)-titre", "liens-\(index)-url")
            return """
                <fieldset class="bloc">
                <legend>Lien \(index + 1)</legend>
                <div class="\(fieldClass(titre))">
                <label for="\(Self.id(titre))">Titre du lien</label>
                \(messages(titre))<input id="\(Self.id(titre))" name="\(titre)" type="text" value="\(lien.titre)"\(described(titre))>
                </div>
                <div class="\(fieldClass(url))">
                <label for="\(Self.id(url))">Adresse web (https://…)</label>
                \(messages(url))<input id="\(Self.id(url))" name="\(url)" type="text" inputmode="url" value="\(lien.url)"\(described(url))>
                </div>
                <button type="submit" name="action" value="retirer-lien-\(index)">Retirer le lien \(index + 1)</button>
                </fieldset>

                """
        }
        return """
            <fieldset class="repetable">
            <legend>Liens (facultatif)</legend>
            <p class="aide">Des pages utiles : la fiche complète sur le portail, le site du projet…</p>
            \(items)<button type="submit" id="champ-ajouter-lien" name="action" value="ajouter-lien"\(if: focus == "ajouter-lien", " autofocus")>Ajouter un lien</button>
            </fieldset>

            """
    }

    private func fieldClass(_ field: String) -> String {
        hasError(field) ? "champ champ-erreur" : "champ"
    }

    /// « 202 caractères sur 400 », as the script says it too.
    static func count(_ resume: String) -> String {
        let length = resume.trimmingCharacters(in: .whitespacesAndNewlines).count
        let count = length == 0 ? "Aucun caractère" : French.count(length, "caractère", "caractères")
        return count + " sur 400" + (length > 400 ? " : \(length - 400) de trop" : "")
    }

    // MARK: Names

    static func id(_ field: String) -> String { "champ-\(field)" }

    /// `to` with the words of `from` it lacks struck through (`<del>`) and its own new words marked (`<ins>`).
    static func marked(from: String, to: String) -> HTML {
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).map(String.init) }
        let pieces = WordDiff.pieces(words(from), words(to), context: 1 << 20)
        let parts = pieces.map { piece -> HTML in
            switch piece {
            case .same(let words): "\(words.joined(separator: " ")) "
            case .removed(let words): "<del>\(words.joined(separator: " "))</del> "
            case .added(let words): "<ins>\(words.joined(separator: " "))</ins> "
            case .gap: "… "
            case .rewritten: "\(to)"
            }
        }
        return "\(parts)"
    }

    /// Problems in the order of the form's fields, those about no field last.
    static func inFormOrder(_ problems: [Problem]) -> [Problem] {
        let order = [
            "titre", "resume", "droit-principal", "publics", "porteurs", "province", "communes", "contacts", "liens",
            "mise-a-jour", "statut", "corps",
        ]
        func rank(_ problem: Problem) -> Int {
            guard let field = problem.field else { return order.count }
            return order.firstIndex { field == $0 || field.hasPrefix($0 + "-") } ?? order.count
        }
        return problems.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
    }

    /// A front-matter key's name for the editor.
    static func keyLabel(_ key: String) -> String {
        switch key {
        case "droits": "Droits"
        case "territoire": "Territoire"
        case "contacts": "Contacts"
        case "liens": "Liens"
        default: label(key)
        }
    }

    /// The field's name in a message: « Titre », « Contact 2, courriel ».
    static func label(_ field: String) -> String {
        let parts = field.split(separator: "-", maxSplits: 2).map(String.init)
        if parts.count == 3, let index = Int(parts[1]) {
            let names = [
                "organisation": "organisation", "nom": "nom", "fonction": "fonction", "email": "courriel",
                "telephone": "téléphone", "site": "site", "adresse": "adresse postale", "titre": "titre",
                "url": "adresse web",
            ]
            return "\(parts[0] == "contacts" ? "Contact" : "Lien") \(index + 1), \(names[parts[2]] ?? parts[2])"
        }
        return [
            "titre": "Titre", "resume": "Résumé", "droit-principal": "Droits", "publics": "Publics",
            "porteurs": "Porteurs", "province": "Province", "communes": "Communes",
            "mise-a-jour": "Date de mise à jour",
            "statut": "Statut", "corps": "Texte",
        ][field] ?? field
    }
}

extension EditorPage.Mode {
    var slug: String? {
        if case .edit(let slug, _) = self { slug } else { nil }
    }
}
