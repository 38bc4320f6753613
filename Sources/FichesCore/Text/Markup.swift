/// Text for HTML or XML written by hand (the feeds, the preview's error page):
/// `&`, `<`, `>` and `"` escaped, and the control characters XML 1.0 cannot
/// carry at all dropped. HTML pages escape by type (`HTML`).
public enum Markup {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
