// "Imprimer" buttons: hidden without JavaScript (the browser's own print still works). The
// sheet's button takes the focus, so that Enter prints the sheet the advisor just opened.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button, index) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
    if (index === 0 && document.body.classList.contains("page-sheet")) { button.focus(); }
  });
})();
