/// The files published under `assets/`, compiled into the tool (see `Package.swift`):
/// add a line here when you add a file to `site-template/assets/`.
public enum Assets {
    public static let files: [(name: String, bytes: [UInt8])] = [
        ("fiches.css", PackageResources.fiches_css),
        ("fiche.js", PackageResources.fiche_js),
        ("recherche.js", PackageResources.recherche_js),
    ]
}
