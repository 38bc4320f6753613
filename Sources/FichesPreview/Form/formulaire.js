// The preview's form, made better: the summary of errors takes the focus,
// the summary's count follows the typing, and the fiche is rendered again
// beside its text a moment after each change. Without it the form works the same.
(function () {
  "use strict";
  var form = document.querySelector(".formulaire form");
  if (!form) return;
  var alert = document.querySelector(".resume-erreurs, .conflit");
  if (alert && !document.querySelector("[autofocus]")) alert.focus();

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
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null && number === sent) frame.srcdoc = html; })
      .catch(function () {});
  }
  if (frame) {
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 600);
    });
  }
})();
