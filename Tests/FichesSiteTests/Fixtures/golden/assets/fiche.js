// Bonnes pratiques de cohésion sociale: a fiche's "Imprimer" and "Partager"
// buttons. Only this script adds them, so a page without JavaScript shows no
// button that would do nothing. Sharing uses the Web Share API where the
// browser has it, an e-mail with the title and the address otherwise.
(function () {
  "use strict";
  var title = document.querySelector("main h1");
  if (!title) return;
  var name = title.textContent.trim();
  var canonical = document.querySelector('link[rel="canonical"]');
  var address = canonical ? canonical.href : location.href;

  var actions = document.createElement("p");
  actions.className = "actions-fiche";
  var print = document.createElement("button");
  print.type = "button";
  print.textContent = "Imprimer";
  print.addEventListener("click", function () { window.print(); });
  actions.appendChild(print);

  if (navigator.share) {
    var share = document.createElement("button");
    share.type = "button";
    share.textContent = "Partager";
    share.addEventListener("click", function () {
      // A share the person cancels is not an error.
      navigator.share({ title: name, url: address }).catch(function () {});
    });
    actions.appendChild(share);
  } else {
    var mail = document.createElement("a");
    mail.className = "bouton";
    mail.href = "mailto:?subject=" + encodeURIComponent(name) +
      "&body=" + encodeURIComponent(name + "\n" + address);
    mail.textContent = "Partager par courriel";
    actions.appendChild(mail);
  }
  title.insertAdjacentElement("afterend", actions);
})();
