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

    @Option(
        help: ArgumentHelp(
            "Le droit principal (un identifiant de catalogue.yml, par exemple sante).", valueName: "droit"))
    var droit: String

    @Option(help: ArgumentHelp("La province (facultatif).", valueName: "province"))
    var province: String?

    @Option(help: ArgumentHelp("Le porteur (facultatif).", valueName: "porteur"))
    var porteur: String?

    @OptionGroup var sources: SourceOptions

    func run() throws {
        var request = Scaffold.Request(titre: titre, droit: droit, province: province, porteur: porteur)
        request.source = try sources.project().source
        let path = try Scaffold.create(request)
        Report.line(
            "Fiche créée : \(path) (en brouillon). Complétez-la, puis vérifiez-la avec « fiches check \(path) » ; "
                + "« fiches serve » la montre déjà.")
    }
}
