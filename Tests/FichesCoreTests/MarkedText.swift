import FichesCore

/// Fixture text with a `↓` marking the place a diagnostic must point at.
struct MarkedText {
    let text: String
    let location: SourceLocation?

    init(_ marked: String) {
        var line = 1
        var column = 1
        var location: SourceLocation?
        var text = String.UnicodeScalarView()
        for scalar in marked.unicodeScalars {
            if scalar == "↓" {
                location = SourceLocation(line: line, column: column)
                continue
            }
            text.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = String(text)
        self.location = location
    }
}
