import FichesCore
import FichesSite
import Foundation
import Hummingbird
import NIOCore

/// The preview's form: creates and edits fiches in the source folder. Every
/// change is checked by the tool's own rules before anything is written, and
/// every request that writes must come from the preview's own pages.
struct Editor: Sendable {
    let preview: Preview
    /// Given to the preview's pages only; every form sends it back.
    let token: String

    /// A form's request is at most this long: sixteen times the largest fiche
    /// (`SourceFolder.maximumFicheSize`), enough for its text URL-encoded and
    /// the file it was opened on, which the form carries.
    static let maximumRequest = 4 << 20

    init(preview: Preview, token: String = Editor.newToken()) {
        self.preview = preview
        self.token = token
    }

    /// 32 random bytes from the system's secure generator, in hexadecimal.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    // MARK: Requests

    /// GET: the form, for a new fiche (`slug` nil) or the fiche named `slug`.
    func show(_ request: Request, slug: String?) async -> Response {
        if let refusal = Gate.foreign(request) { return refusal }
        guard let catalogue = await preview.catalogue else { return Self.unavailable }
        guard let slug else {
            var values = FicheValues()
            values.miseAJour = ISODate.today().description
            values.statut = Fiche.Statut.brouillon.rawValue
            values.contacts = [FicheValues.ContactValues()]
            var page = EditorPage(
                mode: .new, values: values, body: Scaffold.body, catalogue: catalogue, token: token, rendered: "")
            page.rendered = await renderedOnly(
                values: values, body: page.body, existing: nil, catalogue: catalogue, mode: .new)
            return respond(.ok, page)
        }
        guard let (path, display) = await preview.fiche(slug) else { return Self.noFiche(slug) }
        let bytes: Data
        let file: FicheFile
        do {
            bytes = try read(path)
            file = try FicheFile(bytes: bytes)
        } catch {
            return await cannotOpen(display: display, path: path, error)
        }
        var page = EditorPage(
            mode: .edit(slug: slug, display: display), values: Self.catalogueIDs(file.values, catalogue),
            body: file.body, catalogue: catalogue, token: token, rendered: "")
        page.opened = bytes
        page.savedTitle = file.values.titre
        if request.uri.queryParameters.get("enregistree") != nil {
            page.notice = await savedNotice(display: display, statut: file.values.statut)
        }
        await check(bytes, at: path, display: display, into: &page)
        return respond(.ok, page)
    }

    /// POST: an action of the form (`enregistrer`, `apercu`, add or remove a block).
    func submit(_ request: Request, slug: String?) async -> Response {
        let input: FormInput
        do {
            let buffer = try await request.body.collect(upTo: Self.maximumRequest)
            input = try URLEncodedFormDecoder().decode(FormInput.self, from: String(buffer: buffer))
        } catch is NIOTooManyBytesError {
            return Self.message(
                .contentTooLarge, "Formulaire trop long",
                "Le formulaire envoyé dépasse \(Self.maximumRequest >> 20) Mo : rien n'a été enregistré.")
        } catch {
            return Self.message(
                .badRequest, "Formulaire illisible", "Le formulaire envoyé est illisible : rien n'a été enregistré.")
        }
        // A form of a preview since restarted is given back as it was, with the
        // new token, and nothing written: what was typed is not lost.
        if let refusal = Gate.foreign(request) { return refusal }
        let stale = !Gate.matches(input.jeton, token)
        guard let catalogue = await preview.catalogue else { return Self.unavailable }
        /// The file the form was opened on, which the form carries.
        let opened = input.texts["origine"].flatMap { Data(base64Encoded: $0) }
        let original = opened.flatMap { try? FicheFile(bytes: $0) }.map { Self.catalogueIDs($0.values, catalogue) }
        var values = input.values(keepingOrderOf: original)
        var body = (input.corps ?? "").replacing("\r\n", with: "\n")
        var page = EditorPage(
            mode: .new, values: values, body: body, catalogue: catalogue, token: token, rendered: "", submitted: true)
        page.opened = opened
        page.savedTitle = original?.titre
        var existing: (path: String, display: String, bytes: Data, file: FicheFile)?
        if let slug {
            // Gone, renamed or broken meanwhile: the form comes back with what was typed, and nothing is written.
            guard let (path, display) = await preview.fiche(slug) else {
                page.mode = .edit(slug: slug, display: slug)
                page.refusal =
                    "la fiche « \(slug) » n'est plus dans le dossier des fiches (renommée ou supprimée entre-temps ?) : "
                    + "rien n'a été enregistré ; votre texte est encore ci-dessous, copiez-le avant de quitter la page"
                return respond(.unprocessableContent, page)
            }
            page.mode = .edit(slug: slug, display: display)
            do {
                let bytes = try read(path)
                existing = (path, display, bytes, try FicheFile(bytes: bytes))
            } catch {
                page.refusal =
                    "le fichier \(display) a changé entre-temps et le formulaire ne peut plus le lire (\(Self.reason(error))) : "
                    + "rien n'a été enregistré ; corrigez-le dans votre éditeur de texte, puis enregistrez à nouveau "
                    + "(votre texte est gardé ci-dessous)"
                return respond(.unprocessableContent, page)
            }
        }
        let mode = page.mode

        // Blocks added or removed: the form again, nothing checked or written.
        let action = input.action ?? "enregistrer"
        if action.hasPrefix("ajouter-") || action.hasPrefix("retirer-") {
            switch action {
            case "ajouter-contact":
                values.contacts.append(FicheValues.ContactValues())
                page.focus = "contacts-\(values.contacts.count - 1)-organisation"
            case "ajouter-lien":
                values.liens.append(FicheValues.LienValues())
                page.focus = "liens-\(values.liens.count - 1)-titre"
            default:
                let index = Int(action.split(separator: "-").last ?? "") ?? -1
                // The focus on the block before (or the button to add one), not the top of the page.
                if action.hasPrefix("retirer-contact-"), values.contacts.indices.contains(index) {
                    values.contacts.remove(at: index)
                    page.focus = "contacts-\(max(0, index - 1))-organisation"
                } else if action.hasPrefix("retirer-lien-"), values.liens.indices.contains(index) {
                    values.liens.remove(at: index)
                    page.focus = values.liens.isEmpty ? "ajouter-lien" : "liens-\(max(0, index - 1))-titre"
                }
            }
            page.values = values
            page.submitted = false
            page.rendered = await renderedOnly(
                values: values, body: body, existing: existing?.file, catalogue: catalogue, mode: mode)
            return respond(.ok, page)
        }

        values = values.tidied
        page.values = values
        let saving = action == "enregistrer" && !stale
        if stale {
            page.notice =
                "L'aperçu a été relancé depuis l'ouverture du formulaire : rien n'a été enregistré. "
                + "Vérifiez vos modifications ci-dessous, puis enregistrez à nouveau."
        }

        // The file it would be.
        let path: String
        let bytes: Data
        if let existing {
            path = existing.path
            if opened != existing.bytes {
                // Changed on disk: what the editor did not change takes the file's value.
                let merge = Self.merge(
                    form: values, body: body, opened: opened, disk: existing.file, diskBytes: existing.bytes,
                    catalogue: catalogue)
                (values, body) = (merge.values, merge.body)
                (page.values, page.body) = (values, body)
                page.conflict = merge.conflict
                page.opened = existing.bytes
            }
            do {
                bytes = try existing.file.saving(values, body: body, catalogue: catalogue)
            } catch {
                page.refusal = error.message
                await check(existing.bytes, at: path, display: existing.display, into: &page)
                return respond(.unprocessableContent, page)
            }
        } else {
            path = Self.newPath(values, catalogue: catalogue)
            bytes = Self.newFile(values, body: body, catalogue: catalogue)
        }
        let display = await preview.display(path)
        await check(bytes, at: path, display: display, into: &page)
        if existing == nil, let taken = await newFicheProblem(path: path) {
            // What the checks say of two fiches of that name (the links to it, the name) is this one thing.
            page.problems.removeAll { $0.elsewhere || $0.diagnostic.message.contains("s'appelle déjà") }
            page.problems.append(taken)
        }
        if (input.texts["droit-principal"] ?? "").isEmpty, !input.droits.isEmpty {
            // Other rights and no main one: none is made the main one unseen.
            page.values.droits = [""] + values.droits
            let diagnostic = Diagnostic(
                file: display, location: SourceLocation(line: 1, column: 1),
                message: "choisissez le droit principal : les autres droits viennent en plus")
            page.problems.append(EditorPage.Problem(diagnostic: diagnostic, field: "droit-principal"))
        }
        page.problems = EditorPage.inFormOrder(page.problems)
        if page.values.contacts.isEmpty { page.values.contacts = [FicheValues.ContactValues()] }
        if page.conflict != nil { return respond(saving ? .conflict : .ok, page) }
        let errors = page.problems.filter { $0.diagnostic.severity == .error }.count
        guard saving, errors == 0 else {
            if action == "apercu", errors == 0, !stale {
                page.notice =
                    page.problems.isEmpty
                    ? "Vérification faite : aucun problème, la fiche peut être enregistrée."
                    : "Vérification faite : rien n'empêche d'enregistrer la fiche (voyez les points à revoir)."
            }
            return respond(saving || stale ? .unprocessableContent : .ok, page)
        }
        do {
            try await write(bytes, to: path, replacing: existing != nil)
        } catch let error as BuildError {
            page.refusal = error.message
            return respond(.unprocessableContent, page)
        } catch {
            page.refusal = "impossible d'écrire \(display) (\(error.localizedDescription)) : rien n'a été enregistré"
            return respond(.unprocessableContent, page)
        }
        // The preview shows the fiche as saved as soon as it is asked for.
        await preview.rebuild(.paths(["\(preview.sourceFolder)/\(path)"]))
        let slug = Slug.ofFile(path)
        // Its page, when the preview can show it; else its form, which says why.
        let shown =
            preview.current.isBuilt && (preview.showsDrafts || values.statut != Fiche.Statut.brouillon.rawValue)
        return Response(
            status: .seeOther,
            headers: [.location: shown ? "/fiches/\(slug)/?enregistree=1" : "/_fiches/modifier/\(slug)?enregistree=1"])
    }

    /// What the form says after a save that led back to it rather than to the fiche's page.
    private func savedNotice(display: String, statut: String) async -> String {
        let saved = "Fiche enregistrée dans \(display). "
        if !preview.current.isBuilt {
            return saved
                + "L'aperçu ne peut pas montrer sa page tant qu'une autre fiche a une erreur : ouvrez l'accueil de "
                + "l'aperçu pour la voir."
        }
        if !preview.showsDrafts, statut == Fiche.Statut.brouillon.rawValue {
            return saved + "L'aperçu ne montre pas sa page : il a été lancé avec --sans-brouillons et la fiche est "
                + "un brouillon."
        }
        return saved
    }

    /// POST from the form's script: the fiche rendered as the form holds it.
    func render(_ request: Request, slug: String?) async -> Response {
        let input: FormInput
        do {
            let buffer = try await request.body.collect(upTo: Self.maximumRequest)
            input = try URLEncodedFormDecoder().decode(FormInput.self, from: String(buffer: buffer))
        } catch {
            return Self.message(.badRequest, "Formulaire illisible", "Le formulaire envoyé est illisible.")
        }
        if let refusal = Gate.foreign(request) ?? Gate.stale(input.jeton, token) { return refusal }
        guard let catalogue = await preview.catalogue else { return Self.unavailable }
        var existing: FicheFile?
        var mode = EditorPage.Mode.new
        if let slug, let (path, display) = await preview.fiche(slug) {
            existing = try? FicheFile(bytes: read(path))
            mode = .edit(slug: slug, display: display)
        }
        let html = await renderedOnly(
            values: input.values().tidied, body: (input.corps ?? "").replacing("\r\n", with: "\n"), existing: existing,
            catalogue: catalogue, mode: mode)
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    // MARK: Checking

    /// Checks `bytes` as the fiche at `path` with every rule of `fiches check`;
    /// puts the messages of this fiche next to their fields, those it causes
    /// in other fiches in the summary, and the rendered fiche beside the text.
    private func check(_ bytes: Data, at path: String, display: String, into page: inout EditorPage) async {
        let (diagnostics, unchanged, rendered, body) = await preview.trying(bytes, at: path)
        let places = FicheFile.places(in: String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n"))
        // What other files already had is not this change's doing.
        let before = Set(unchanged)
        for diagnostic in diagnostics {
            if diagnostic.file == display {
                // A new fiche's file is named after its title.
                let field = places.field(at: diagnostic.location) ?? (page.mode.slug == nil ? "titre" : nil)
                page.problems.append(.init(diagnostic: diagnostic, field: field))
            } else if diagnostic.severity == .error, !before.contains(diagnostic) {
                // A link from another fiche to this one as a draft: what to change is its status, or that link.
                let field = diagnostic.message.contains("est un brouillon") ? "statut" : nil
                page.problems.append(.init(diagnostic: diagnostic, field: field, elsewhere: true))
            }
        }
        page.rendered = Self.framed(rendered, body: body, slug: page.mode.slug ?? Slug.ofFile(path))
    }

    /// The rendered fiche only (after a block was added or removed, and for the script).
    private func renderedOnly(
        values: FicheValues, body: String, existing: FicheFile?, catalogue: Catalogue, mode: EditorPage.Mode
    ) async -> String {
        let values = values.tidied
        let path: String
        let bytes: Data
        if let existing, case .edit(let slug, _) = mode, let (found, _) = await preview.fiche(slug),
            let saved = try? existing.saving(values, body: body, catalogue: catalogue)
        {
            (path, bytes) = (found, saved)
        } else {
            path = Self.newPath(values, catalogue: catalogue)
            bytes = Self.newFile(values, body: body, catalogue: catalogue)
        }
        let (rendered, renderedBody) = await preview.rendering(bytes, at: path)
        return Self.framed(rendered, body: renderedBody, slug: mode.slug ?? Slug.ofFile(path))
    }

    /// The page shown in the form's frame: the fiche's page, its links relative
    /// to its own address and opened in a new tab; or, while it has errors, its body alone.
    static func framed(_ page: Data?, body: HTML?, slug: String) -> String {
        let base = "<base href=\"/fiches/\(slug)/\" target=\"_blank\">"
        guard let page else {
            return """
                <!DOCTYPE html>
                <html lang="fr">
                <head>
                <meta charset="utf-8">
                \(base)
                <title>Rendu du texte</title>
                <link rel="stylesheet" href="/assets/fiches.css">
                </head>
                <body>
                <main class="cadre">
                <p class="rendu-partiel">La fiche entière paraîtra ici quand ses erreurs seront corrigées. Voici son texte :</p>
                \(body?.text ?? "")
                </main>
                </body>
                </html>
                """
        }
        var html = String(decoding: page, as: UTF8.self)
        if let head = html.range(of: "<head>") { html.insert(contentsOf: "\n" + base, at: head.upperBound) }
        return html
    }

    /// Another fiche already has the name a new fiche would get.
    private func newFicheProblem(path: String) async -> EditorPage.Problem? {
        let slug = Slug.ofFile(path)
        guard let (_, display) = await preview.fiche(slug) else { return nil }
        return .init(
            diagnostic: Diagnostic(
                file: "", location: SourceLocation(line: 1, column: 1), message: Scaffold.nameTaken(slug, by: display)),
            field: "titre")
    }

    // MARK: Files

    /// A new fiche's text, as `fiches new` lays it out; its body a blank line after the front matter.
    static func newFile(_ values: FicheValues, body: String, catalogue: Catalogue) -> Data {
        let body = body.isEmpty || body.hasPrefix("\n") || body.hasPrefix("\r\n") ? body : "\n" + body
        return Data(FicheFile.newText(values, body: body, header: header, catalogue: catalogue).utf8)
    }

    static let header = [
        "# Fiche créée dans le formulaire de l'aperçu (« fiches serve ») le \(ISODate.today()).",
        "# Les lignes qui commencent par « # » sont des commentaires : elles ne sont pas publiées.",
    ]

    /// Where a new fiche goes, as `fiches new` puts it. Made of a catalogue id
    /// and a slug only, never of what the request says.
    static func newPath(_ values: FicheValues, catalogue: Catalogue) -> String {
        Scaffold.path(titre: values.titre, droit: catalogue.droits.first { $0.id == values.droits.first }?.id)
    }

    private func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(preview.sourceFolder)/\(path)"))
    }

    /// Writes `bytes` at `path` in the source folder, whole or not at all: into
    /// a hidden file beside it, then renamed over the fiche (`replacing`) or
    /// linked to its name, which fails when a file is there (a new fiche).
    private func write(_ bytes: Data, to path: String, replacing: Bool) async throws {
        let source = preview.sourceFolder
        let target = "\(source)/\(path)"
        let folder = (target as NSString).deletingLastPathComponent
        if !replacing { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let folderInSource = (path as NSString).deletingLastPathComponent
        // A folder that is a link to elsewhere is not written into.
        guard folderInSource.isEmpty ? true : await preview.isInside(folderInSource) else {
            throw BuildError(
                "le dossier \(folderInSource) n'est pas dans le dossier des fiches : rien n'a été enregistré")
        }
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: bytes) else {
            throw BuildError("impossible d'écrire dans \(folder) : rien n'a été enregistré")
        }
        defer { unlink(temporary) }
        if replacing {
            var info = stat()
            if stat(target, &info) == 0 { chmod(temporary, info.st_mode & 0o7777) }
            guard rename(temporary, target) == 0 else {
                throw BuildError(

                    "impossible de remplacer \(path) (\(String(cString: strerror(errno)))) : rien n'a été enregistré"
                )
            }
        } else if link(temporary, target) != 0 {
            throw BuildError(
                errno == EEXIST
                    ? "un fichier \(path) existe déjà : rien n'a été enregistré ; choisissez un autre titre"
                    : "impossible d'écrire \(path) (\(String(cString: strerror(errno)))) : rien n'a été enregistré")
        }
    }
}

// MARK: Responses

extension Editor {
    /// Ids as the catalogue writes them (`Santé` is `sante`), as the checks read them.
    static func catalogueIDs(_ values: FicheValues, _ catalogue: Catalogue) -> FicheValues {
        var values = values
        values.droits = values.droits.map { catalogue.droits.matching($0)?.term.id ?? $0 }
        values.porteurs = values.porteurs.map { catalogue.porteurs.matching($0)?.term.id ?? $0 }
        values.province = catalogue.provinces.matching(values.province)?.term.id ?? values.province
        return values
    }

    /// The form's values over a file changed on disk since the form was opened
    /// on `opened`: each field the editor did not change takes the file's
    /// value; those both changed keep the editor's, and are shown side by side.
    /// Without the version opened (the preview was restarted), every difference is shown.
    static func merge(
        form: FicheValues, body: String, opened: Data?, disk: FicheFile, diskBytes: Data, catalogue: Catalogue
    ) -> (values: FicheValues, body: String, conflict: EditorPage.Conflict) {
        let theirs = catalogueIDs(disk.values.tidied, catalogue)
        let base = opened.flatMap { try? FicheFile(bytes: $0) }
        let original = base.map { catalogueIDs($0.values.tidied, catalogue) }
        var merged = form
        var mergedBody = body
        var conflict = EditorPage.Conflict(
            diskText: String(decoding: diskBytes, as: UTF8.self), knowsOpened: base != nil)
        func text(_ key: String, _ values: FicheValues) -> String {
            switch key {
            case "droits": values.droits.joined(separator: "\n")
            case "publics": values.publics.joined(separator: "\n")
            case "porteurs": values.porteurs.joined(separator: "\n")
            case "territoire": ([values.province] + values.communes).filter { !$0.isEmpty }.joined(separator: "\n")
            case "contacts":
                values.contacts.map { contact in
                    FicheValues.ContactValues.keys.compactMap { contact[$0].isEmpty ? nil : "\($0) : \(contact[$0])" }
                        .joined(separator: "\n")
                }.joined(separator: "\n\n")
            case "liens": values.liens.map { "\($0.titre)\n\($0.url)" }.joined(separator: "\n\n")
            case "titre": values.titre
            case "resume": values.resume
            case "mise-a-jour": values.miseAJour
            default: values.statut
            }
        }
        for key in FicheValues.keys where !form.same(key, as: theirs) {
            let label = EditorPage.keyLabel(key)
            if let original, form.same(key, as: original) {
                merged.take(key, from: theirs)
                conflict.fromDisk.append(label)
            } else if original.map({ !theirs.same(key, as: $0) }) ?? true {
                conflict.differences.append((label, text(key, theirs), text(key, form)))
            }
        }
        if body != disk.body {
            if let base, body == base.body {
                mergedBody = disk.body
                conflict.fromDisk.append("Texte")
            } else if base.map({ disk.body != $0.body }) ?? true {
                conflict.differences.append(("Texte", disk.body, body))
            }
        }
        return (merged, mergedBody, conflict)
    }

    func respond(_ status: HTTPResponse.Status, _ page: EditorPage) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                // Never in a frame of another page: a click there must not be a click here.
                HTTPFields.Element.Name("Content-Security-Policy")!: "frame-ancestors 'none'",
                HTTPFields.Element.Name("X-Frame-Options")!: "DENY",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.html.text)))
    }

    /// A short page that says what happened and where to go.
    static func message(
        _ status: HTTPResponse.Status, _ title: String, _ text: String, details: [String] = []
    ) -> Response {
        let items: HTML =
            details.isEmpty ? .empty : "<ul>\n\(details.map { "<li><pre>\($0)</pre></li>\n" as HTML })</ul>\n"
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) — aperçu des fiches</title>
            <link rel="stylesheet" href="/assets/fiches.css">
            </head>
            <body>
            <main id="contenu" class="cadre">
            <h1>\(title)</h1>
            <p>\(text)</p>
            \(items)<p><a href="/">Retour à l'aperçu</a></p>
            </main>
            </body>
            </html>

            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.text)))
    }

    static var unavailable: Response {
        message(
            .serviceUnavailable, "Formulaire indisponible",
            "Le catalogue (catalogue.yml) n'a pas pu être lu : corrigez-le d'abord, l'aperçu dit pourquoi.")
    }

    static func noFiche(_ slug: String) -> Response {
        message(.notFound, "Fiche introuvable", "Aucune fiche ne s'appelle « \(slug) » dans le dossier des fiches.")
    }

    /// Why a fiche's file cannot be shown in the form.
    static func reason(_ error: any Error) -> String {
        if let refusal = error as? FicheFile.Refusal {
            refusal.message + (refusal.line.map { " (ligne \($0))" } ?? "")
        } else {
            "le fichier est illisible (\(error.localizedDescription))"
        }
    }

    /// The file cannot be shown in the form: why, and its problems, to fix in a text editor.
    func cannotOpen(display: String, path: String, _ error: any Error) async -> Response {
        let reason = Self.reason(error)
        // Each with the line it points at, as the preview's list of errors shows it.
        var excerpts = Excerpts()
        let problems = preview.current.diagnostics.filter { $0.file == display }.map { diagnostic in
            diagnostic.description + (excerpts.excerpt(for: diagnostic).map { "\n\($0)" } ?? "")
        }
        return Self.message(
            .unprocessableContent, "Fiche à corriger dans un éditeur de texte",
            "Le formulaire ne peut pas ouvrir \(display) : \(reason). Corrigez-la dans votre éditeur de texte ; "
                + "l'aperçu se mettra à jour à l'enregistrement.", details: problems)
    }
}
