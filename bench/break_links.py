"""Copy a built site and break links on purpose; print what was planted."""
import os, re, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
fiches = sorted(os.listdir(f"{dst}/fiches"))
def edit(path, old, new, count=1):
    p = f"{dst}/{path}"
    s = open(p, encoding="utf-8").read()
    assert old in s, (path, old)
    open(p, "w", encoding="utf-8").write(s.replace(old, new, count))
    print(f"planted in {path}: {old!r} -> {new!r}")
# 1. a fiche page deleted: every link to it breaks
shutil.rmtree(f"{dst}/fiches/{fiches[0]}")
print(f"deleted fiches/{fiches[0]}/")
# 2. a heading id renamed: links to that section break
edit(f"fiches/{fiches[1]}/index.html", 'id="contexte"', 'id="contexte-renomme"')
# 3. a fragment that names nothing, in the same page
edit(f"fiches/{fiches[2]}/index.html", 'href="#contenu"', 'href="#inexistant"')
# 4. a fragment to another page that names nothing
edit(f"fiches/{fiches[3]}/index.html", 'href="#contenu"', f'href="../{fiches[4]}/#nulle-part"')
# 5. an accented id and its percent-encoded link (both fine)
edit(f"fiches/{fiches[5]}/index.html", 'id="public"', 'id="équipe"')
edit(f"fiches/{fiches[6]}/index.html", 'href="#contenu"', f'href="../{fiches[5]}/#%C3%A9quipe"')
# 6. a folder without its final slash
edit(f"fiches/{fiches[7]}/index.html", 'href="#contenu"', f'href="../{fiches[8]}"')
# 7. a link above the site's folder
edit(f"fiches/{fiches[9]}/index.html", 'href="#contenu"', 'href="../../../ailleurs/"')
# 8. an absolute link under site.url to a page that does not exist
edit(f"fiches/{fiches[10]}/index.html", 'href="#contenu"', 'href="https://cohesionsociale.wallonie.be/bonnes-pratiques/fiches/inexistante/"')
# 9. a missing stylesheet
edit(f"fiches/{fiches[11]}/index.html", 'href="../../assets/fiches.css"', 'href="../../assets/absente.css"')
# 10. an image srcset with one missing candidate
edit(f"fiches/{fiches[12]}/index.html", '<main id="contenu"', '<img src="../../assets/fiches.css" srcset="../../assets/fiches.css 1x, ../../medias/absente-2x.png 2x" alt=""><main id="contenu"')
# 11. mailto and tel that are not valid
edit(f"fiches/{fiches[13]}/index.html", 'href="#contenu"', 'href="mailto:pas-une-adresse"')
edit(f"fiches/{fiches[14]}/index.html", 'href="#contenu"', 'href="tel:065 12 34 56"')
# 12. a <base href> that makes a bare fragment point at the home page
edit(f"fiches/{fiches[15]}/index.html", '<head>', '<head><base href="../../">')
# 13. a guide anchor removed
edit("guide/index.html", f'id="fiche-{fiches[16]}"', f'id="fiche-{fiches[16]}-x"')
