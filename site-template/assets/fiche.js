// Bonnes pratiques de cohésion sociale: a fiche's "Imprimer" and "Partager"
// buttons. Only this script adds them, so a page without JavaScript shows no
// button that would do nothing. Sharing uses the Web Share API where the
// browser has it, an e-mail with the title and the address otherwise, and a
// button that copies the address.
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
    // Without a mail program the e-mail link does nothing: the address can be copied instead.
    if (navigator.clipboard && window.isSecureContext) {
      var copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = "Copier le lien";
      var said = document.createElement("span");
      said.setAttribute("role", "status");
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(address).then(function () {
          said.textContent = "Lien copié.";
        }, function () {
          said.textContent = "Le lien n'a pas pu être copié\u00a0: " + address;
        });
      });
      actions.appendChild(copy);
      actions.appendChild(said);
    }
  }
  title.insertAdjacentElement("afterend", actions);
})();
