// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "fiches",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fiches", targets: ["fiches"]),
        .library(name: "FichesSite", targets: ["FichesSite"]),
        // For the fuzzing targets of Fuzz/ (a package of its own, built with -sanitize=fuzzer).
        .library(name: "FichesCore", targets: ["FichesCore"]),
        .library(name: "FichesMarkdown", targets: ["FichesMarkdown"]),
        .library(name: "FichesLinks", targets: ["FichesLinks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Without the swift-configuration support, which the preview does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C libraries, each imported by exactly one Swift module.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // The pipeline: core model → Markdown → templates → site → link scan → external links → command line.
        // With Wallonia's communes and map, written by tools/territoire.py (compiled in as bytes).
        .target(
            name: "FichesCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Territory/communes.json"), .embedInCode("Territory/wallonie.json")]),
        .target(name: "FichesMarkdown", dependencies: ["FichesCore", "CCmarkGFM"]),
        // The page templates, compiled: the portal team's folder, with the style
        // sheet and script published under assets/ (compiled in as bytes).
        .target(
            name: "SiteTemplate", dependencies: ["FichesCore"], path: "site-template",
            resources: [.embedInCode("assets")]),
        .target(name: "FichesSite", dependencies: ["FichesCore", "FichesMarkdown", "SiteTemplate"]),
        .target(name: "FichesLinks", dependencies: ["FichesCore", "CLibXML2"]),
        // The only module that talks to the network (and pulls in NIO).
        .target(
            name: "FichesWeb",
            dependencies: [
                "FichesLinks",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // The preview server (pulls in Hummingbird).
        // With the form's style sheet and script (compiled in as bytes).
        .target(
            name: "FichesPreview",
            dependencies: [
                "FichesSite", "SiteTemplate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.embedInCode("Form/formulaire.css"), .embedInCode("Form/formulaire.js")]),
        .executableTarget(
            name: "fiches",
            dependencies: [
                "FichesSite", "FichesLinks", "FichesWeb", "FichesPreview", "SiteTemplate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(
            name: "FichesCoreTests", dependencies: ["FichesCore"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FichesMarkdownTests", dependencies: ["FichesMarkdown"]),
        .testTarget(name: "FichesLinksTests", dependencies: ["FichesLinks"], exclude: ["Fixtures"]),
        .testTarget(
            name: "FichesWebTests",
            dependencies: [
                "FichesWeb", "FichesSite",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .testTarget(
            name: "FichesPreviewTests",
            dependencies: [
                "FichesPreview", "FichesSite",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "FichesSiteTests", dependencies: ["FichesSite", "FichesLinks", "fiches", "CLibXML2", "SiteTemplate"],
            exclude: ["Fixtures", "Schemas"]),
    ]
)
