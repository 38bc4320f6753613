#!/bin/sh
# gen_corpus.py links its fiches to example.org, .com and .net, the domains kept
# for examples, which `fiches` refuses in a published fiche (a placeholder left
# in). This moves them to .be addresses, in every corpus given (ours and Hugo's
# alike), so that the corpus builds; it can be run again without harm.
set -eu
for folder in "$@"; do
  find "$folder" -name '*.md' -exec sed -i -E \
    's#://((www|docs)\.)?example\.(org|com|net)([/"?]|$)#://\1exemple-\3.be\4#g' {} +
done
