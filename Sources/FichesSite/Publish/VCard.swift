import FichesCore
import Foundation

/// A contact as a vCard 4.0 (RFC 6350) that a phone imports: organisation,
/// name, role, phone in E.164, email, site and address, in UTF-8, each line
/// folded at 75 octets and ended by CRLF.
enum VCard {
    /// The card of `fiche`'s contact `number` (from 1).
    static func card(_ number: Int, of fiche: Fiche, router: Router) -> Data {
        let contact = fiche.contacts[number - 1]
        var lines = ["BEGIN:VCARD", "VERSION:4.0"]
        if let nom = contact.nom {
            lines.append("KIND:individual")
            lines.append("FN:" + text(nom))
            // Family name last, as the fiches write it: « Laurence Caps ».
            let words = nom.split(separator: " ")
            let family = words.last.map(String.init) ?? nom
            let given = words.dropLast().joined(separator: " ")
            lines.append("N:\(text(family));\(text(given));;;")
        } else {
            lines.append("KIND:org")
            lines.append("FN:" + text(contact.organisation))
        }
        lines.append("ORG:" + text(contact.organisation))
        if let fonction = contact.fonction { lines.append("TITLE:" + text(fonction)) }
        if let telephone = contact.telephone { lines.append("TEL;VALUE=uri;TYPE=work:tel:\(telephone.e164)") }
        if let email = contact.email { lines.append("EMAIL;TYPE=work:" + text(email.address)) }
        if let site = contact.site { lines.append("URL:" + site.absoluteString) }
        if let adresse = contact.adresse {
            // A free text: the whole of it as the street, and as the label to show.
            lines.append("ADR;TYPE=work;LABEL=\"\(parameter(adresse))\":;;\(text(adresse));;;;")
        }
        lines.append(
            "NOTE:" + text("À contacter pour « \(fiche.titre) » : \(router.absolute(.fiche(slug: fiche.slug)))"))
        lines.append("SOURCE:" + router.absolute(.vcard(slug: fiche.slug, number: number)))
        lines.append("END:VCARD")
        return Data(lines.map(folded).joined().utf8)
    }

    /// A text value, or a component of a structured one (`N`, `ORG`, `ADR`):
    /// backslash, comma, semicolon and newline escaped.
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case ",": escaped += "\\,"
            case ";": escaped += "\\;"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A quoted parameter value: no double quote, no newline (RFC 6350 has no escape for them).
    static func parameter(_ value: String) -> String {
        value.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ")
    }

    /// A content line cut into lines of at most 75 octets, each next one
    /// starting with a space, never inside a character; ended by CRLF.
    static func folded(_ line: String) -> String {
        var result = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                result += "\r\n "
                length = 1
            }
            result.append(character)
            length += size
        }
        return result + "\r\n"
    }
}
