// Recherche et filtres de la page d'accueil. Sans JavaScript, la section reste
// cachée et les pages par droit donnent accès à toutes les fiches.
// Les données (recherche/*.json, produites par fiches build) ne sont chargées
// qu'à la première utilisation : focus dans le formulaire, ou adresse qui
// contient déjà une recherche (?q=aines&droit=sante).
(function () {
  "use strict";
  var section = document.getElementById("recherche");
  if (!section || !window.fetch || !window.history) return;

  // --- Les mots, comme SearchTerms.swift les calcule (à changer ensemble). ---
  var STOP = ("au aux avec ce ces dans de des du elle en et il ils la le les leur leurs ou par pas pour qu que " +
    "qui sa se ses son sur un une est sont ne plus nos notre vos votre").split(" ");
  var ENDINGS = [["euse", "eur"], ["trice", "teur"], ["ive", "if"], ["enne", "en"], ["elle", "el"]];
  function fold(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) { return fold(text).split(/[^a-z0-9]+/).filter(Boolean); }
  // The spaces French typography keeps with their neighbour, as Typography.swift puts them in the pages.
  function typeset(text) {
    return text.replace(/« /g, "«\u00a0").replace(/ »/g, "\u00a0»").replace(/ :/g, "\u00a0:")
      .replace(/ ([;!?])/g, "\u202f$1");
  }
  function stem(word) {
    if (word.length > 4 && /[^e]aux$/.test(word)) return word.slice(0, -2) + "l";
    if (word.length > 3 && /[sx]$/.test(word)) word = word.slice(0, -1);
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (word.length > e[0].length + 2 && word.slice(-e[0].length) === e[0]) {
        word = word.slice(0, -e[0].length) + e[1];
        break;
      }
    }
    if (word.length > 2 && word.slice(-2) === "ee") word = word.slice(0, -1);
    if (word.length > 4 && word.slice(-1) === "e") word = word.slice(0, -1);
    return word;
  }
  function term(word) { return word.length > 1 && STOP.indexOf(word) < 0 ? stem(word) : null; }

  // --- Données chargées à la demande. ---
  var base = "recherche/";
  var facets = null;
  var shards = {};
  var results = {};
  function json(path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw Object.assign(new Error(path + " : " + r.status), { status: r.status });
      return r.json();
    });
  }
  function loadFacets() {
    if (!facets) facets = json("facettes.json");
    return facets;
  }
  function shard(key) {
    // No file for these letters: no word starts with them. Any other failure (no
    // network, a page opened as a file) is not an empty result: run() says so.
    if (!(key in shards)) shards[key] = json("index/" + encodeURIComponent(key) + ".json").catch(function (e) {
      if (e.status === 404) return {};
      delete shards[key];
      throw e;
    });
    return shards[key];
  }
  // The keys of the shards that exist: where a mistyped word's first letters may lead.
  var keys = null;
  function loadKeys() {
    if (!keys) keys = json("cles.json");
    return keys;
  }
  // Results come RESULTS to a file (SearchIndex.resultsPerFile): fiche n is
  // item n % RESULTS of fiches/<n / RESULTS>.json.
  var RESULTS = 8;
  function result(n) {
    var file = Math.floor(n / RESULTS);
    if (!(file in results)) results[file] = json("fiches/" + file + ".json");
    return results[file].then(function (list) { return list[n % RESULTS]; });
  }

  // --- Les éléments de la page. ---
  var form = document.getElementById("formulaire-recherche");
  var input = document.getElementById("q");
  var box = document.getElementById("resultats");
  var status = document.getElementById("etat");
  var list = document.getElementById("liste-resultats");
  var active = document.getElementById("filtres-actifs");
  var more = document.getElementById("plus");
  // On a phone the results start far below the filters: their count, and a link to them, right after.
  var jump = document.getElementById("aller-resultats");
  var clear = document.getElementById("tout-effacer");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  // Each value as the page gives it: its count in the whole catalogue, disabled at 0.
  var initial = boxes.map(function (b) {
    return { disabled: b.disabled, count: b.nextElementSibling.querySelector(".nombre").textContent };
  });
  // The catalogue's public address (the home page's canonical link): what a printout gives.
  var canonical = document.querySelector('link[rel="canonical"]');
  var home = canonical ? canonical.href : location.href.split(/[?#]/)[0];
  var PAGE = 10;
  var shown = PAGE;
  var focusAt = -1;
  var generation = 0;

  function state() {
    var s = { q: input.value.trim(), filters: {} };
    boxes.forEach(function (b) {
      if (b.checked) (s.filters[b.name] = s.filters[b.name] || []).push(b.value);
    });
    return s;
  }
  function isEmpty(s) { return !s.q && Object.keys(s.filters).length === 0; }
  function toURL(s) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    boxes.forEach(function (b) { if (b.checked) p.append(b.name, b.value); });
    var q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }
  function fromURL() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    boxes.forEach(function (b) {
      b.checked = p.getAll(b.name).indexOf(b.value) >= 0;
      if (b.checked) b.closest("details").open = true;
    });
  }

  // The fiches matching the words: number → score; null when there is no word.
  function search(q) {
    var all = words(q);
    var typing = q.length > 0 && !/\s$/.test(q);
    var wanted = [];
    all.forEach(function (w, i) {
      var t = term(w);
      var last = typing && i === all.length - 1;
      if (last && w.length < 3) return;
      if (t) wanted.push({ term: t, raw: w, prefix: last });
    });
    if (!wanted.length) return Promise.resolve(null);
    return Promise.all(wanted.map(lookup)).then(function (loaded) {
      var scores = null;
      wanted.forEach(function (w, i) {
        var found = {};
        var match = loaded[i];
        if (match.corrected) {
          // Found near what was typed: highlighted and said as found, with the
          // ending its stem dropped when that is closer to what was typed
          // (« nouriture » → « nourritur » → « nourriture », but « alzheimre » → « alzheimer »).
          var ending = w.raw.indexOf(w.term) === 0 ? w.raw.slice(w.term.length) : "";
          var whole = match.corrected + ending;
          w.typed = w.raw;
          w.shown = distance(w.raw, whole, 99) < distance(w.raw, match.corrected, 99) ? whole : match.corrected;
          w.term = w.raw = match.corrected;
          w.prefix = false;
        }
        match.terms.forEach(function (t) {
          var postings = t.postings;
          for (var k = 0; k < postings.length; k += 2) {
            found[postings[k]] = Math.max(found[postings[k]] || 0, postings[k + 1]);
          }
        });
        if (scores === null) scores = found;
        else {
          var next = {};
          Object.keys(scores).forEach(function (n) { if (n in found) next[n] = scores[n] + found[n]; });
          scores = next;
        }
      });
      return { scores: scores || {}, terms: wanted };
    });
  }

  // The terms a word finds: itself (or, typing its last word, those it begins),
  // else for a word of five letters or more (its term too: « jeunes » is « jeun »,
  // too short to guess from) the terms of the catalogue one edit away, or two
  // from eight letters, the closest, first in its own shard, then in the shards
  // its first letters mistyped may lead to. [{term, postings}], with `corrected`.
  function lookup(w) {
    return shard(w.term.slice(0, 3)).then(function (terms) {
      var found = Object.keys(terms).filter(function (t) {
        return t === w.term || (w.prefix && (t.indexOf(w.term) === 0 || t.indexOf(w.raw) === 0));
      });
      if (found.length || w.raw.length < 5 || w.term.length < 5) return { terms: pick(terms, found) };
      var edits = w.term.length >= 8 ? 2 : 1;
      var close = closest([terms], w.term, edits);
      if (close.terms.length) return close;
      return loadKeys().then(function (all) {
        var known = {};
        all.forEach(function (k) { known[k] = true; });
        var prefixes = variants(w.term.slice(0, 4)).filter(function (p) {
          return known[p] && p !== w.term.slice(0, 3);
        }).slice(0, 4);
        return Promise.all(prefixes.map(shard)).then(function (more) { return closest(more, w.term, edits); });
      }, function () { return { terms: [] }; });
    });
  }
  function pick(terms, names) {
    return names.map(function (t) { return { term: t, postings: terms[t] }; });
  }
  function closest(loaded, word, edits) {
    // At most `edits`; `distance` is exact up to `best`, and says `best + 1` for anything farther.
    var best = edits, found = [];
    loaded.forEach(function (terms) {
      Object.keys(terms).forEach(function (t) {
        var d = distance(word, t, best + 1);
        if (d > best) return;
        if (d < best) { best = d; found = []; }
        found.push({ term: t, postings: terms[t] });
      });
    });
    return { terms: found, corrected: found.length ? found[0].term : null };
  }
  // Edits from a to b (deletion, insertion, substitution, two letters swapped),
  // or `limit` as soon as there are that many.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) >= limit) return limit;
    var prev2 = [], prev = [], row;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        row[j] = v;
        if (v < least) least = v;
      }
      if (least >= limit) return limit;
      prev2 = prev;
      prev = row;
    }
    return Math.min(prev[b.length], limit);
  }
  // The first three letters of what `start` (four letters) becomes with one edit:
  // two letters swapped, one left out, one added or one changed.
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  function variants(start) {
    var out = [];
    function add(v) { v = v.slice(0, 3); if (v.length === 3 && out.indexOf(v) < 0) out.push(v); }
    for (var i = 0; i < 3; i++) add(start.slice(0, i) + start[i + 1] + start[i] + start.slice(i + 2));
    for (i = 0; i < 3; i++) add(start.slice(0, i) + start.slice(i + 1));
    for (i = 0; i < 3; i++) {
      for (var l = 0; l < LETTERS.length; l++) add(start.slice(0, i) + LETTERS[l] + start.slice(i));
    }
    for (i = 0; i < 3; i++) {
      for (l = 0; l < LETTERS.length; l++) add(start.slice(0, i) + LETTERS[l] + start.slice(i + 1));
    }
    return out;
  }

  function matches(data, s, skip) {
    var keys = Object.keys(s.filters);
    return function (n) {
      var fiche = data.fiches[n];
      return keys.every(function (name) {
        if (name === skip) return true;
        var f = indexOfFacet(data, name);
        if (f < 0) return true;
        return s.filters[name].some(function (id) { return fiche[f].indexOf(valueIndex(data, f, id)) >= 0; });
      });
    };
  }
  function indexOfFacet(data, name) {
    for (var i = 0; i < data.facettes.length; i++) if (data.facettes[i].nom === name) return i;
    return -1;
  }
  function valueIndex(data, f, id) {
    var values = data.facettes[f].valeurs;
    for (var i = 0; i < values.length; i++) if (values[i][0] === id) return i;
    return -1;
  }

  function update(push) {
    var s = state();
    var url = toURL(s);
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
    run(s);
  }

  function run(s) {
    var mine = ++generation;
    if (isEmpty(s)) {
      box.hidden = true;
      status.textContent = "";
      if (jump) jump.parentNode.hidden = true;
      boxes.forEach(function (b, i) {
        b.disabled = initial[i].disabled;
        b.nextElementSibling.querySelector(".nombre").textContent = initial[i].count;
      });
      return;
    }
    var filtered = Object.keys(s.filters).length > 0;
    var ranked = function (found, candidates, data) {
      var kept = data ? candidates.filter(matches(data, s, null)) : candidates.slice();
      if (found) kept.sort(function (a, b) { return found.scores[b] - found.scores[a] || a - b; });
      return kept;
    };
    // Words alone need only their shards: the results show before the filters' counts.
    var early = filtered ? Promise.resolve(null) : search(s.q).then(function (found) {
      if (mine === generation && found) show(s, ranked(found, Object.keys(found.scores).map(Number), null), found.terms);
      return found;
    });
    Promise.all([loadFacets(), filtered ? search(s.q) : early]).then(function (r) {
      if (mine !== generation) return;
      var data = r[0], found = r[1];
      var candidates = found ? Object.keys(found.scores).map(Number) : data.fiches.map(function (_, n) { return n; });
      counts(data, s, candidates);
      if (!found && !filtered) {
        // One or two letters, or only common words: nothing to search yet.
        box.hidden = false;
        list.textContent = "";
        more.hidden = true;
        active.parentNode.hidden = false;
        var common = words(s.q).filter(function (w) { return w.length > 2; });
        var quoted = "« " + common.join(" » et « ") + " »";
        status.textContent = typeset(common.length > 1
          ? quoted + " sont des mots trop courants pour être cherchés : tapez un mot plus précis."
          : common.length === 1 ? quoted + " est un mot trop courant pour être cherché : tapez un mot plus précis."
          : "Tapez au moins trois lettres d'un mot.");
        return;
      }
      if (filtered || !found) show(s, ranked(found, candidates, data), found ? found.terms : []);
    }).catch(function () {
      if (mine !== generation) return;
      box.hidden = false;
      status.textContent = "La recherche n'a pas pu être chargée. Les fiches restent accessibles par droit, ci-dessous.";
    });
  }

  // Each value's count: the fiches it would show, with the other filters kept.
  function counts(data, s, candidates) {
    boxes.forEach(function (b) {
      var f = indexOfFacet(data, b.name);
      var v = valueIndex(data, f, b.value);
      var others = matches(data, s, b.name);
      var n = candidates.filter(function (c) { return others(c) && data.fiches[c][f].indexOf(v) >= 0; }).length;
      b.nextElementSibling.querySelector(".nombre").textContent = "(" + n + ")";
      // A value that would show nothing cannot be ticked (one already ticked can be unticked).
      b.disabled = n === 0 && !b.checked;
    });
  }

  // A printed search names itself in the margins of every sheet: its address, and the day it was printed.
  var printed = document.createElement("style");
  printed.media = "print";
  document.head.appendChild(printed);
  function cssString(text) { return '"' + text.replace(/[\\"]/g, "\\$&").replace(/[\n\r<]/g, " ") + '"'; }
  function marginsFor(s) {
    var day = new Date().toLocaleDateString("fr-BE", { day: "numeric", month: "long", year: "numeric" });
    printed.textContent = "@page { @bottom-left { content: " + cssString(home + toURL(s).replace(/^[^?]*/, "")) +
      "; } @top-right { content: " + cssString(typeset("Recherche imprimée le " + day)) + "; } }";
  }

  function show(s, kept, terms) {
    box.hidden = false;
    marginsFor(s);
    var filters = [];
    // Values of one filter are alternatives (« ou »), filters add up (« et »).
    var groups = [];
    active.textContent = "";
    boxes.forEach(function (b) {
      if (!b.checked) return;
      var label = b.nextElementSibling.firstChild.textContent.trim();
      filters.push(label);
      var group = groups.filter(function (g) { return g.name === b.name; })[0];
      if (group) group.labels.push("« " + label + " »"); else groups.push({ name: b.name, labels: ["« " + label + " »"] });
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.setAttribute("aria-label", "Retirer le filtre " + label);
      button.addEventListener("click", function () {
        b.checked = false;
        update(true);
        (input).focus();
      });
      li.appendChild(button);
      active.appendChild(li);
    });
    active.parentNode.hidden = filters.length === 0 && !s.q;
    var typed = terms.filter(function (w) { return w.typed; });
    var meant = terms.map(function (w) { return w.shown || w.raw; }).join(" ");
    var corrected = typed.length ? "Résultats pour « " + meant + " » (vous avez tapé « " + s.q + " ») : " : "";
    var filterText = groups.length === 0 ? ""
      : (filters.length === 1 ? "au filtre " : "aux filtres ") +
        groups.map(function (g) { return g.labels.join(" ou "); }).join(" et ");
    // With results, a correction is said first; without, with the words.
    var words = !s.q ? "" : typed.length && kept.length === 0
      ? " à « " + meant + " » (vous avez tapé « " + s.q + " »)"
      : typed.length ? "" : " à « " + s.q + " »";
    var what = words + (filterText ? (words ? " et " : " ") + filterText : "");
    status.textContent = typeset(kept.length === 0
      ? "Aucune fiche ne correspond" + what + ". Essayez d'autres mots ou retirez des filtres."
      : corrected + (kept.length === 1 ? "1 fiche correspond" : kept.length + " fiches correspondent") + what + ".");
    if (jump) {
      jump.textContent = kept.length === 0 ? typeset("Aucune fiche ne correspond : voir les conseils")
        : kept.length === 1 ? "Voir la fiche trouvée" : "Voir les " + kept.length + " fiches trouvées";
      jump.parentNode.hidden = false;
    }
    list.textContent = "";
    var page = kept.slice(0, shown);
    more.hidden = kept.length <= shown;
    var target = focusAt;
    focusAt = -1;
    page.forEach(function (n, i) {
      var li = document.createElement("li");
      li.className = "carte";
      list.appendChild(li);
      result(n).then(function (fiche) {
        fill(li, fiche, terms);
        if (i === target) li.querySelector("a").focus();
      });
    });
  }

  // Text with the searched words in <mark>.
  function highlight(parent, text, terms) {
    var re = /[0-9A-Za-z\u00C0-\u024F\u0153\u0152]+/g, last = 0, m;
    while ((m = re.exec(text))) {
      var t = term(fold(m[0]));
      var hit = t && terms.some(function (w) { return t === w.term || (w.prefix && (t.indexOf(w.term) === 0 || fold(m[0]).indexOf(w.raw) === 0)); });
      if (!hit) continue;
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }
  // Up to 200 characters of the summary or the body, around the first searched word.
  function excerpt(fiche, terms) {
    var sources = [fiche.resume, fiche.texte];
    for (var i = 0; terms.length && i < sources.length; i++) {
      var re = /[0-9A-Za-z\u00C0-\u024F\u0153\u0152]+/g, m;
      while ((m = re.exec(sources[i]))) {
        var t = term(fold(m[0]));
        if (t && terms.some(function (w) { return t === w.term || (w.prefix && t.indexOf(w.term) === 0); })) {
          // Whole words: from a space, to a space.
          var source = sources[i];
          var start = Math.max(0, source.lastIndexOf(" ", Math.max(0, m.index - 80)));
          var end = start + 200 >= source.length ? source.length : source.lastIndexOf(" ", start + 200);
          if (end <= m.index) end = Math.min(source.length, start + 200);
          return (start > 0 ? "… " : "") + source.slice(start, end).trim() + (end < source.length ? " …" : "");
        }
      }
    }
    return fiche.resume;
  }
  function fill(li, fiche, terms) {
    var h = document.createElement("h3");
    h.className = "carte-titre";
    var a = document.createElement("a");
    a.href = fiche.url;
    highlight(a, fiche.titre, terms);
    a.setAttribute("data-adresse", new URL(fiche.url, home).href);
    h.appendChild(a);
    var p = document.createElement("p");
    highlight(p, excerpt(fiche, terms), terms);
    var meta = document.createElement("p");
    meta.className = "carte-meta";
    fiche.droits.forEach(function (d) {
      var span = document.createElement("span");
      span.className = "etiquette";
      span.textContent = d;
      meta.appendChild(span);
      meta.appendChild(document.createTextNode(" "));
    });
    if (fiche.lieu) {
      var lieu = document.createElement("span");
      lieu.className = "lieu";
      lieu.textContent = fiche.lieu;
      meta.appendChild(lieu);
    }
    li.appendChild(h);
    li.appendChild(p);
    li.appendChild(meta);
  }

  // --- Branchements. ---
  section.hidden = false;
  var withoutScript = document.getElementById("recherche-sans-script");
  if (withoutScript) withoutScript.hidden = true;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    update(true);
    document.getElementById("titre-resultats").focus();
  });
  form.addEventListener("focusin", loadFacets, { once: true });
  input.addEventListener("input", function () { shown = PAGE; update(false); });
  // Leaving the field changes nothing shown: re-drawing the results then would swallow a tap on one of them.
  input.addEventListener("change", function () {
    if (toURL(state()) !== location.pathname + location.search) update(true);
  });
  boxes.forEach(function (b) { b.addEventListener("change", function () { shown = PAGE; update(true); }); });
  clear.addEventListener("click", function () {
    input.value = "";
    boxes.forEach(function (b) { b.checked = false; });
    shown = PAGE;
    update(true);
    input.focus();
  });
  more.addEventListener("click", function () {
    // Focus goes to the first new result once it is there.
    focusAt = shown;
    shown += PAGE;
    run(state());
  });
  window.addEventListener("popstate", function () { fromURL(); run(state()); });
  fromURL();
  if (!isEmpty(state())) run(state());
})();
