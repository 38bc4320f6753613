// The preview's form, made better: the summary of errors takes the focus,
// the summary's count follows the typing, and the fiche is rendered again
// beside its text a moment after each change. Without it the form works the same.
(function () {
  "use strict";
  var form = document.querySelector(".formulaire form");
  if (!form) return;
  var alert = document.querySelector(".resume-erreurs, .conflit");
  if (alert && !document.querySelector("[autofocus]")) alert.focus();

  // A link of the summary shows its field with its label and message, not at the window's very top.
  document.querySelectorAll(".resume-erreurs a[href^='#'], .resume-avertissements a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      (field.closest(".champ, fieldset") || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  });

  // The count of the summary's characters, as the server counts them (characters, not UTF-16 units).
  var resume = document.getElementById("champ-resume");
  var count = document.getElementById("resume-compte");
  if (resume && count) {
    var maximum = Number(resume.getAttribute("data-maximum"));
    resume.addEventListener("input", function () {
      var length = Array.from(resume.value.trim()).length;
      count.textContent = (length === 0 ? "Aucun caractère" : length === 1 ? "1 caractère" : length + " caractères")
        + " sur " + maximum + (length > maximum ? "\u00a0: " + (length - maximum) + " de trop" : "") + ".";
      count.classList.toggle("message-erreur", length > maximum);
    });
  }

  // Leaving the page with changes not saved asks first.
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) event.preventDefault();
  });

  // The fiche rendered again, 600 ms after the last change.
  var frame = document.getElementById("rendu");
  var match = location.pathname.match(/\/modifier\/([a-z0-9-]+)/);
  var address = "/_fiches/rendu" + (match ? "?fiche=" + match[1] : "");
  var timer = null;
  var sent = 0;
  function render() {
    var number = ++sent;
    var data = new URLSearchParams(new FormData(form));
    data.set("action", "apercu");
    fetch(address, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        // Refused: the preview was restarted; saving gives the form back with a new token, nothing lost.
        return response.ok ? response.text() : "<!DOCTYPE html><html lang=\"fr\"><title>Rendu</title>"
          + "<p style=\"font-family: sans-serif; padding: 1rem\">Le rendu ne peut plus suivre la frappe : "
          + "l'aperçu a été relancé. Cliquez sur « Vérifier et voir le rendu » : rien de ce que vous avez tapé "
          + "ne sera perdu.</p>";
      })
      .then(function (html) { if (number === sent) frame.srcdoc = html; })
      .catch(function () {});
  }
  if (frame) {
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 600);
    });
  }
})();
