import FichesCore
import FichesSite
import Foundation
import Testing

/// `fiches/README.md`, the editors' guide: its examples must pass `fiches check`,
/// its sample output must be the real one, its lists must be the catalogue's.
private let guide = try! String(
    contentsOf: Paths.repository.appendingPathComponent("fiches/README.md"), encoding: .utf8)

private func blocks(_ language: String) -> [String] {
    guide.components(separatedBy: "```\(language)\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
}

/// The lines of the guide's section `title`, up to the next one of the same level.
private func section(_ title: String) -> [Substring] {
    let lines = guide.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: Substring(title)) else { return [] }
    let level = title.prefix { $0 == "#" } + " "
    let end = lines[(start + 1)...].firstIndex { $0.hasPrefix(level) } ?? lines.endIndex
    return Array(lines[(start + 1)..<end])
}

/// The example fiche with the top-level keys of `fragment` put in place of its own.
private func fiche(_ example: String, with fragment: String) -> String {
    func groups(_ lines: [Substring]) -> [(key: Substring, lines: [Substring])] {
        var groups: [(key: Substring, lines: [Substring])] = []
        for line in lines {
            if let key = line.firstMatch(of: /^([a-z-]+):/)?.output.1 {
                groups.append((key, [line]))
            } else if !groups.isEmpty {
                groups[groups.count - 1].lines.append(line)
            }
        }
        return groups
    }
    let parts = example.components(separatedBy: "\n---\n")
    var front = groups(parts[0].split(separator: "\n").dropFirst().map { $0 })
    for group in groups(fragment.split(separator: "\n")) {
        if let index = front.firstIndex(where: { $0.key == group.key }) {
            front[index] = group
        } else {
            front.append(group)
        }
    }
    return (["---"] + front.flatMap(\.lines).map(String.init) + ["---"]).joined(separator: "\n") + "\n"
        + parts.dropFirst().joined(separator: "\n---\n")
}

@Test func everyExampleOfTheEditorsGuidePassesCheckWithoutAWarning() throws {
    let examples = blocks("markdown")
    let fragments = blocks("yaml")
    #expect(examples.count >= 1)
    #expect(fragments.count >= 6)
    let folder = try projectCopy()
    for (index, example) in examples.enumerated() {
        try Data(example.utf8).write(to: folder.url.appendingPathComponent("fiches/sante/exemple-\(index).md"))
    }
    for (index, fragment) in fragments.enumerated() {
        let text = fiche(try #require(examples.first), with: fragment)
        #expect(text.contains(fragment.split(separator: "\n")[0]))
        try Data(text.utf8).write(to: folder.url.appendingPathComponent("fiches/sante/exemple-champ-\(index).md"))
    }
    let check = try Fiches.run(["check"], in: folder.url)
    #expect(check.status == 0)
    #expect(check.errors == "")
    #expect(check.output.contains("\(9 + examples.count + fragments.count) fiches vérifiées"))
}

@Test func theEditorsGuideCommandsWork() throws {
    let commands = blocks("sh").flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0.hasPrefix("fiches ") && !$0.hasPrefix("fiches serve") }
    #expect(!commands.isEmpty)
    let folder = try projectCopy()
    for command in commands {
        // Words, and quoted titles as one argument.
        let arguments = command.matches(of: /"([^"]*)"|(\S+)/).map { String($0.output.1 ?? $0.output.2!) }.dropFirst()
        let outcome = try Fiches.run(Array(arguments), in: folder.url)
        #expect(outcome.status == 0, "\(command): \(outcome.errors)")
    }
    #expect(
        FileManager.default.fileExists(
            atPath: folder.url.appendingPathComponent("fiches/sante/creer-un-alzheimer-cafe.md").path))
}

@Test func theEditorsGuideSampleMessagesAreTheRealOnes() throws {
    let samples = blocks("text")
    try #require(samples.count == 2)
    let folder = try projectCopy()
    try Data((samples[0] + "\n\n## Contexte\n\nTexte.\n").utf8)
        .write(to: folder.url.appendingPathComponent("fiches/sante/alzheimer-cafe.md"))
    let check = try Fiches.run(["check"], in: folder.url)
    #expect(check.status == 1)
    #expect(check.errors == samples[1] + "\n")
}

@Test func theEditorsGuideListsTheCataloguesVocabularies() throws {
    let (catalogue, _) = try SiteBuilder.catalogue(
        source: Paths.repository.appendingPathComponent("fiches").path)
    let catalogueValue = try #require(catalogue)
    let rows = section("## Les droits").compactMap { $0.firstMatch(of: /^\| `([a-z-]+)` \| (.+) \|$/) }
        .map { "\($0.output.1)=\($0.output.2)" }
    #expect(rows == catalogueValue.droits.map { "\($0.id)=\($0.libelle)" })
    let text = section("## Les droits").joined(separator: " ")
    let named = Set(text.matches(of: /`([a-z-]+)`/).map { String($0.output.1) })
    for term in catalogueValue.porteurs + catalogueValue.provinces {
        #expect(named.contains(term.id), "\(term.id)")
    }
}

@Test func everyMessageTheEditorsGuideExplainsIsOneTheToolSays() throws {
    var sources = ""
    let enumerator = FileManager.default.enumerator(atPath: Paths.repository.appendingPathComponent("Sources").path)
    while let path = enumerator?.nextObject() as? String {
        guard path.hasSuffix(".swift") else { continue }
        sources += try String(
            contentsOf: Paths.repository.appendingPathComponent("Sources/\(path)"), encoding: .utf8)
    }
    let messages = section("## Comprendre les messages").compactMap { $0.firstMatch(of: /^\| `([^`]+)`/)?.output.1 }
    #expect(messages.count >= 15)
    for message in messages {
        for part in message.split(separator: "…") {
            let part = part.trimmingCharacters(in: .whitespaces)
            // `droit inconnu « x »` is written `\(unknown) « \(id) »` with `unknown: "droit inconnu"`.
            let generic = part.hasSuffix(" «") && sources.contains("unknown: \"\(part.dropLast(2))\"")
            #expect(
                part.isEmpty || sources.contains(part) || generic, "« \(part) » n'est dans aucun message de Sources/")
        }
    }
}
