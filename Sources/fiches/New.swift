import ArgumentParser
import FichesCore
import FichesSite
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crée une fiche à compléter, en brouillon, dans le dossier de son droit principal.",
        discussion: "Exemple : fiches new \"Un café pour les aidants\" --droit sante --province hainaut")

    @Argument(help: "Le titre de la fiche ; le nom du fichier en est tiré.")
    var titre: String

    @Option(help: "Le droit principal (un identifiant de catalogue.yml).")
    var droit: String

    @Option(help: "La province (facultatif).")
    var province: String?

    @Option(help: "Le porteur (facultatif).")
    var porteur: String?

    @OptionGroup var sources: SourceOptions

    func run() throws {
        var request = Scaffold.Request(titre: titre, droit: droit, province: province, porteur: porteur)
        request.source = sources.source
        do {
            let path = try Scaffold.create(request)
            Report.line("Fiche créée : \(path) (en brouillon). Complétez-la, puis vérifiez-la avec « fiches check ».")
        } catch let refusal as Scaffold.Refusal {
            // A value the catalogue does not know is a usage error (64), said in French.
            FileHandle.standardError.write(Data("fiches: erreur: \(refusal.message)\n".utf8))
            throw ExitCode(64)
        } catch let error as BuildError {
            throw Self.fail(error)
        }
    }
}
