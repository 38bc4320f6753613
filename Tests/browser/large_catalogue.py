#!/usr/bin/env python3
"""Writes a catalogue past 200 fiches, for the browser tests of the pages only
a large catalogue has (a right's page 2, the guide's contents and parts, the
contacts' page 2).

Usage: Tests/browser/large_catalogue.py REAL_CATALOGUE_YML OUT_FOLDER
230 fiches under `sante`, every third also under `logement`, 130
organisations, a link from each fiche to the next one's section; and, under
`travail`, twelve fiches of growing length that print on one to three sheets,
for the tests of where a printed fiche breaks; the first fiche was once named
`ancienne-pratique` (a former address), and `pratique-retiree` was withdrawn.
"""
import pathlib
import shutil
import sys

catalogue, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.rmtree(out, ignore_errors=True)
(out / "sante").mkdir(parents=True)
(out / "travail").mkdir()
shutil.copy(catalogue, out / "catalogue.yml")
with open(out / "catalogue.yml", "a", encoding="utf-8") as file:
    file.write("""
retirees:
  - fiche: pratique-retiree
    titre: Une pratique retirée
    date: 2024-06-01
    raison: Le projet s'est arrêté.
    voir: [pratique-1, pratique-2]
""")
COUNT = 230
for n in range(COUNT):
    rights = "[sante, logement]" if n % 3 == 0 else "[sante]"
    (out / "sante" / f"pratique-{n}.md").write_text(f"""---
titre: Pratique numéro {n:03d}
resume: Le résumé de la pratique {n}, pour les tests dans un navigateur.
droits: {rights}
contacts:
  - {{organisation: Organisation {n % 130}, email: contact{n}@pcs-essai.be, telephone: "081 22 33 {n % 100:02d}"}}
{"anciennes-adresses: [ancienne-pratique]" + chr(10) if n == 0 else ""}mise-a-jour: 2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}
---

## Contexte

Voir [la pratique suivante](pratique-{(n + 1) % COUNT}.md#contexte) et [plus bas](#mise-en-oeuvre).

## Mise en œuvre

Une rencontre chaque mois.
""", encoding="utf-8")

SENTENCE = ("Les partenaires du quartier se retrouvent chaque semaine pour préparer l'accueil, "
            "répartir les permanences et faire le point sur les demandes reçues. ")
for n in range(12):
    sections = "".join(f"""
## {heading}

{(SENTENCE * 4 + chr(10) + chr(10)) * (2 + n // 3)}""" for heading in
        ["Contexte", "Objectifs", "Mise en œuvre", "Points d'attention"][: 2 + n % 3])
    (out / "travail" / f"longue-{n:02d}.md").write_text(f"""---
titre: Une pratique longue, numéro {n}
resume: Une fiche de {n + 1} longueur{"s" if n else ""} de texte, pour les tests d'impression.
droits: [travail]
contacts:
  - {{organisation: Organisation longue {n}, email: longue{n}@pcs-essai.be, telephone: "081 22 44 {n:02d}"}}
  - {{organisation: Seconde organisation {n}, site: "https://www.pcs-essai.be/{n}"}}
mise-a-jour: 2025-03-{n + 1:02d}
---
{sections}""", encoding="utf-8")
