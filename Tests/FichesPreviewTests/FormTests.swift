import FichesCore
import FichesSite
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FichesPreview

/// The preview's form, through its HTTP requests: what a browser on the
/// preview's pages sends, and what another site could make a browser send.
private let origin = "http://127.0.0.1:8000"
private let token = String(repeating: "ab", count: 32)

extension TestClientProtocol {
    /// A request as the browser sends it to the preview at 127.0.0.1:8000.
    func send(
        _ uri: String, method: HTTPRequest.Method = .get, fields: [(String, String)] = [],
        host: String = "127.0.0.1:8000", origin: String? = "http://127.0.0.1:8000", referer: String? = nil
    ) async throws -> (status: Int, location: String?, body: String) {
        var headers: HTTPFields = [HTTPFields.Element.Name("Host")!: host]
        if let origin { headers[.origin] = origin }
        if let referer { headers[.referer] = referer }
        var body: ByteBuffer?
        if method == .post {
            var components = URLComponents()
            components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
            // As a browser encodes a form: `+` for a space, and `+` itself escaped.
            let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: encoded)
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        return (response.status.code, response.headers[.location], String(buffer: response.body))
    }
}

extension Project {
    /// The application with a known token, the sources read.
    func form(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        await preview.rebuild()
        let app = PreviewServer.application(preview, port: 0, token: token)
        try await app.test(.router) { client in try await body(client) }
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("fiches/\(path)"), encoding: .utf8)
    }
}

/// A new fiche's fields, as the form sends them.
private func newFiche(_ titre: String, email: String = "accueil@pcs-mons.be") -> [(String, String)] {
    [
        ("jeton", token), ("action", "enregistrer"), ("titre", titre),
        ("resume", "Un café où les aidants se retrouvent, une fois par mois."), ("droit-principal", "sante"),
        ("droits[]", "alimentation"), ("publics", "aidants\r\npersonnes âgées"), ("province", "hainaut"),
        ("communes", "Mons"), ("contacts-0-organisation", "PCS de Mons"), ("contacts-0-email", email),
        ("contacts-0-telephone", ""), ("mise-a-jour", "2025-06-01"), ("statut", "publie"),
        ("corps", "\r\n## Contexte\r\n\r\nLes aidants « s'épuisent » : un lieu pour souffler.\r\n"),
    ]
}

@Test func aFicheCreatedInTheFormIsLaidOutAsFichesNewWritesAndPassesCheck() async throws {
    let project = try Project()
    // Where `fiches new` writes the same fiche, to compare.
    let other = try TemporaryCopy(of: project.source)
    try await project.form { client in
        let form = try await client.send("/_fiches/nouvelle-fiche")
        #expect(form.status == 200)
        #expect(form.body.contains("name=\"jeton\" value=\"\(token)\""))
        #expect(form.body.contains("<label for=\"champ-titre\">Titre</label>"))

        let saved = try await client.send(
            "/_fiches/nouvelle-fiche", method: .post, fields: newFiche("Un café des aidants"))
        #expect(saved.status == 303)
        #expect(saved.location == "/fiches/un-cafe-des-aidants/?enregistree=1")
        let page = try await client.send("/fiches/un-cafe-des-aidants/?enregistree=1")
        #expect(page.body.contains("<h1>Un café des aidants</h1>"))
        #expect(
            page.body.contains(
                "<strong>Fiche enregistrée</strong> dans <code>\(project.source)/sante/un-cafe-des-aidants.md</code>"))
        #expect(page.body.contains("<a href=\"/_fiches/modifier/un-cafe-des-aidants\">Modifier cette fiche</a>"))
    }
    let text = try project.text("sante/un-cafe-des-aidants.md")
    #expect(text.hasSuffix("---\n\n## Contexte\n\nLes aidants « s'épuisent » : un lieu pour souffler.\n"))
    #expect(text.contains("\npublics: [aidants, personnes âgées]\n"))

    // Its keys and comments are those of `fiches new`, in the same order.
    var request = Scaffold.Request(titre: "Un café des aidants", droit: "sante", province: "hainaut")
    request.source = other.path
    let scaffold = try String(contentsOfFile: try Scaffold.create(request), encoding: .utf8)
    func lines(_ text: String) -> [Substring] {
        text.components(separatedBy: "\n---\n")[0].split(separator: "\n").dropFirst().map { $0 }
    }
    // Each key's guidance, to its first full stop (what follows says how to use an example).
    let guidance = { (text: String) in
        lines(text).filter { $0.hasPrefix("# Obligatoire") || $0.hasPrefix("# Facultatif") }.map {
            $0.prefix { $0 != "." }
        }
    }
    let keys = lines(text).filter { $0.first?.isLetter == true }.map { String($0.prefix { $0 != ":" }) }
    #expect(guidance(text) == guidance(scaffold))
    #expect(keys == ["titre", "resume", "droits", "publics", "territoire", "contacts", "mise-a-jour"])
    #expect(text.contains("\n# porteurs: [pcs]\n") && scaffold.contains("\n# porteurs: [pcs]\n"))

    // `fiches check` finds nothing wrong with it.
    var options = BuildOptions()
    options.source = project.source
    let checked = await (try SiteSources.read(options)).check()
    #expect(
        checked.diagnostics.filter { $0.file.hasSuffix("un-cafe-des-aidants.md") }.isEmpty, "\(checked.diagnostics)")
}

@Test func aNewFicheNeverReplacesAnother() async throws {
    let project = try Project()
    let before = try project.text("sante/alzheimer-cafe.md")
    try await project.form { client in
        let again = try await client.send(
            "/_fiches/nouvelle-fiche", method: .post, fields: newFiche("Alzheimer café"))
        #expect(again.status == 422)
        #expect(plain(again.body).contains("une fiche porte déjà le nom « alzheimer-cafe »"))
        #expect(plain(again.body).contains("<a href=\"#champ-titre\">Titre : une fiche porte déjà le nom"))
    }
    #expect(try project.text("sante/alzheimer-cafe.md") == before)
}

@Test func theToolsMessagesAreShownNextToTheirFieldsAndNothingIsWritten() async throws {
    let project = try Project()
    try await project.form { client in
        let fields = replacing(newFiche("Café", email: "accueil@pcs-mons"), "communes", "Wavres")
        let refused = try await client.send("/_fiches/nouvelle-fiche", method: .post, fields: fields)
        #expect(refused.status == 422)
        #expect(
            refused.body.contains("<h2 id=\"resume-erreurs-titre\">3 problèmes empêchent d'enregistrer la fiche</h2>"))
        // As `fiches check` says them, did-you-mean included.
        let text = plain(refused.body)
        // As `fiches check` says them, did-you-mean included.
        for (field, message) in [
            ("titre", "le titre doit compter de 5 à 200 caractères (il en compte 4)"),
            ("contacts-0-email", "courriel invalide « accueil@pcs-mons »"),
            ("communes", "commune inconnue « Wavres » ; vouliez-vous dire « Wavre » ?"),
        ] {
            #expect(
                text.contains(
                    "id=\"champ-\(field)-message\">\n<p class=\"message-erreur\"><span class=\"visuellement-cache\">"
                        + "Erreur : </span>\(message)</p>"),
                "\(field)")
            #expect(text.contains("<a href=\"#champ-\(field)\">"), "\(field)")
            #expect(text.contains("id=\"champ-\(field)\""), "\(field)")
        }
        #expect(refused.body.contains("aria-invalid=\"true\""))
    }
    let created = try FileManager.default.subpathsOfDirectory(atPath: project.source).filter { $0.contains("un-cafe") }
    #expect(created.isEmpty)
}

@Test func aFileChangedOnDiskSinceTheFormWasOpenedIsNeverOverwritten() async throws {
    let project = try Project()
    try await project.form { client in
        let form = try await client.send("/_fiches/modifier/alzheimer-cafe")
        #expect(form.status == 200)
        // The form carries the file it was opened on.
        let opened = Data(try project.text("sante/alzheimer-cafe.md").utf8).base64EncodedString()
        #expect(form.body.contains("name=\"origine\" value=\"\(opened)\""))
        // Meanwhile, in a text editor: the title, which the form changes too, and the date, which it does not.
        try project.edit("titre: Créer un Alzheimer café", "titre: Ouvrir un Alzheimer café")
        try project.edit("mise-a-jour: 2024-03-12", "mise-a-jour: 2025-01-15")
        let fields = replacing(try formFields(form.body), "titre", "Lancer un Alzheimer café")
        let conflict = try await client.send("/_fiches/modifier/alzheimer-cafe", method: .post, fields: fields)
        #expect(conflict.status == 409)
        #expect(conflict.body.contains("Le fichier a changé depuis l'ouverture du formulaire"))
        #expect(
            conflict.body.contains(
                "<pre>\nOuvrir un Alzheimer café</pre></td><td data-titre=\"Votre version\"><pre>\n"
                    + "<del>Ouvrir</del> <ins>Lancer</ins> un Alzheimer café </pre>"))
        #expect(
            plain(conflict.body).contains(
                "Modifié dans le fichier seulement, et repris tel quel dans le formulaire : « Date de mise à jour »."))
        #expect(conflict.body.contains("value=\"2025-01-15\""))
        #expect(try project.text("sante/alzheimer-cafe.md").contains("titre: Ouvrir un Alzheimer café\n"))
        // Seen both: the form given back, sent again, is saved.
        let saved = try await client.send(
            "/_fiches/modifier/alzheimer-cafe", method: .post, fields: try formFields(conflict.body))
        #expect(saved.status == 303)
    }
    let text = try project.text("sante/alzheimer-cafe.md")
    #expect(text.contains("titre: \"Lancer un Alzheimer café\"\n") && text.contains("mise-a-jour: 2025-01-15\n"))
}

/// The preview shows drafts, `fiches check` does not publish them: the form checks as `fiches check` does.
@Test func aFicheOthersLinkToCannotBecomeADraftUnseen() async throws {
    let project = try Project()
    let before = try project.text("sante/alzheimer-cafe.md")
    try await project.form { client in
        let form = try await client.send("/_fiches/modifier/alzheimer-cafe")
        let fields = replacing(try formFields(form.body), "statut", "brouillon")
        let refused = try await client.send("/_fiches/modifier/alzheimer-cafe", method: .post, fields: fields)
        #expect(refused.status == 422)
        #expect(
            plain(refused.body).contains(
                "Dans une autre fiche, <a href=\"/_fiches/modifier/maison-medicale\">\(project.source)/sante/maison-medicale.md</a> "
                    + "(ligne 28) : la fiche « alzheimer-cafe.md » est un brouillon : elle ne sera pas publiée et ce lien serait cassé"
            ))
        // Said at the status too, which is what changed.
        #expect(refused.body.contains("id=\"champ-statut-message\""))
    }
    #expect(try project.text("sante/alzheimer-cafe.md") == before)
}

@Test func anotherSiteCannotMakeTheBrowserWriteAFile() async throws {
    let project = try Project()
    let before = try project.text("sante/alzheimer-cafe.md")
    try await project.form { client in
        let form = try await client.send("/_fiches/modifier/alzheimer-cafe")
        let fields = replacing(try formFields(form.body), "titre", "Piraté")
        let uri = "/_fiches/modifier/alzheimer-cafe"
        for (origin, referer, host, jeton) in [
            ("https://pirate.example", nil, "127.0.0.1:8000", token),  // cross-origin POST
            (nil, "https://pirate.example/page", "127.0.0.1:8000", token),  // no Origin, a foreign Referer
            (nil, nil, "127.0.0.1:8000", token),  // neither
            ("http://127.0.0.1:8001", nil, "127.0.0.1:8000", token),  // another port is another origin
            ("http://pirate.example:8000", nil, "pirate.example:8000", token),  // a foreign name for 127.0.0.1
            ("https://pirate.example", nil, "127.0.0.1:8000", "0" + token.dropFirst()),  // and a wrong token
        ] as [(String?, String?, String, String)] {
            let sent = replacing(fields, "jeton", jeton)
            let response = try await client.send(
                uri, method: .post, fields: sent, host: host, origin: origin, referer: referer)
            #expect(response.status == 403, "\(String(describing: origin)) \(String(describing: referer)) \(host)")
            #expect(response.body.contains("Envoi refusé") || response.body.contains("Adresse refusée"))
        }
        // A page of the preview with another token (the preview was restarted): the form comes back
        // with what was typed and the new token, and nothing is written.
        let stale = try await client.send(
            uri, method: .post, fields: replacing(fields, "jeton", "0" + token.dropFirst()))
        #expect(stale.status == 422)
        #expect(
            plain(stale.body).contains(
                "L'aperçu a été relancé depuis l'ouverture du formulaire : rien n'a été enregistré."))
        #expect(stale.body.contains("name=\"jeton\" value=\"\(token)\"") && stale.body.contains("value=\"Piraté\""))
        #expect(try project.text("sante/alzheimer-cafe.md") == before)
        // The form's page itself is not given to another name for 127.0.0.1 (DNS rebinding).
        let rebound = try await client.send(uri, host: "pirate.example:8000")
        #expect(rebound.status == 403 && !rebound.body.contains(token))
        // Its pages are never shown in another site's frame.
        #expect(
            try await client.execute(
                uri: uri, method: .get, headers: [HTTPFields.Element.Name("Host")!: "127.0.0.1:8000"]
            ).headers[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY")
        // A Referer of the preview's own pages, without Origin, is enough.
        let ok = try await client.send(
            uri, method: .post, fields: fields, origin: nil, referer: "\(origin)/_fiches/modifier/alzheimer-cafe")
        #expect(ok.status == 303)
    }
    #expect(try project.text("sante/alzheimer-cafe.md") != before)
}

@Test func aPathInTheRequestNeverNamesAFile() async throws {
    let project = try Project()
    let outside = project.root.appendingPathComponent("dehors.md")
    try await project.form { client in
        for path in [
            "..%2F..%2Fdehors", "%2E%2E", "..", "sante%2Falzheimer-cafe", "alzheimer-cafe.md", "catalogue",
            "Alzheimer-Cafe",
        ] {
            let shown = try await client.send("/_fiches/modifier/\(path)")
            #expect(shown.status == 404, "\(path)")
            let sent = try await client.send(
                "/_fiches/modifier/\(path)", method: .post, fields: newFiche("Un café des aidants"))
            // The form comes back, with what was typed, saying the fiche is not there.
            #expect(sent.status == 422 && plain(sent.body).contains("n'est plus dans le dossier des fiches"), "\(path)")
        }
        // A title is only ever a slug: « ../../dehors » is written as `sante/dehors.md`.
        let saved = try await client.send("/_fiches/nouvelle-fiche", method: .post, fields: newFiche("../../dehors/x"))
        #expect(saved.status == 303)
        #expect(saved.location == "/fiches/dehors-x/?enregistree=1")
    }
    #expect(!FileManager.default.fileExists(atPath: outside.path))
    #expect(
        FileManager.default.fileExists(atPath: project.root.appendingPathComponent("fiches/sante/dehors-x.md").path))
}

@Test func aRequestTooLongIsRefusedUnread() async throws {
    let project = try Project()
    try await project.form { client in
        let fields = replacing(
            newFiche("Un café des aidants"), "corps", String(repeating: "a", count: Editor.maximumRequest))
        let response = try await client.send("/_fiches/nouvelle-fiche", method: .post, fields: fields)
        #expect(response.status == 413)
        #expect(plain(response.body).contains("Le formulaire envoyé dépasse 4 Mo : rien n'a été enregistré."))
    }
    #expect(
        !FileManager.default.fileExists(
            atPath: project.root.appendingPathComponent("fiches/sante/un-cafe-des-aidants.md").path))
}

/// The page as a reader sees its text: French spaces made ordinary, apostrophes unescaped.
private func plain(_ html: String) -> String {
    html.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        .replacingOccurrences(of: "&#39;", with: "'")
}

/// `fields` with `name`'s value replaced (a form has each name once).
private func replacing(_ fields: [(String, String)], _ name: String, _ value: String) -> [(String, String)] {
    fields.filter { $0.0 != name } + [(name, value)]
}

/// The form's fields as a browser sends them: every input, checked box, selected option and text area.
private func formFields(_ html: String) throws -> [(String, String)] {
    func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
    var fields: [(String, String)] = []
    for match in html.matches(of: /<input [^>]*>/) {
        let tag = match.0
        guard let name = tag.firstMatch(of: /name="([^"]+)"/)?.1 else { continue }
        let value = tag.firstMatch(of: /\svalue="([^"]*)"/)?.1 ?? ""
        if tag.contains("type=\"checkbox\"") || tag.contains("type=\"radio\"") {
            if tag.contains(" checked") { fields.append((String(name), decode(value))) }
        } else {
            fields.append((String(name), decode(value)))
        }
    }
    for match in html.matches(of: /<textarea [^>]*name="([^"]+)"[^>]*>\n([^<]*)<\/textarea>/) {
        fields.append((String(match.1), decode(match.2)))
    }
    for match in html.matches(of: /<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/) {
        if let selected = match.2.firstMatch(of: /<option value="([^"]*)" selected>/)?.1 {
            fields.append((String(match.1), decode(selected)))
        }
    }
    fields.append(("action", "enregistrer"))
    return fields
}

/// A copy of a source folder, removed at the end.
private final class TemporaryCopy {
    let path: String
    init(of source: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-copie-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: path)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Test func aFolderThatLeadsOutOfTheSourcesIsNeverWrittenInto() async throws {
    let project = try Project()
    let outside = project.root.appendingPathComponent("ailleurs")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    // The folder of the right « logement » is a link to a folder outside the fiches.
    try FileManager.default.createSymbolicLink(
        at: project.root.appendingPathComponent("fiches/logement"), withDestinationURL: outside)
    try await project.form { client in
        let fields = replacing(newFiche("Un café des familles"), "droit-principal", "logement")
        let refused = try await client.send("/_fiches/nouvelle-fiche", method: .post, fields: fields)
        #expect(refused.status == 422)
        #expect(
            plain(refused.body).contains(
                "le dossier logement n'est pas dans le dossier des fiches : rien n'a été enregistré"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
}
