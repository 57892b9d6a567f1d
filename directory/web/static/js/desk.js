/* Annuaire mobilité — progressive enhancement of the desk pages.
   Without this file everything works: the form is a GET form, the sheet buttons submit it.
   With it: commune suggestions (datalist), results updated as the situation changes (same
   URL fetched, regions swapped, address kept in sync; the picks, the note and the desk the
   advisor set survive), copy button (print buttons: print.js). */
(function () {
  "use strict";

  var TYPING_DELAY = 400;

  function debounce(fn, delay) {
    var timer = null;
    function delayed() {
      var args = arguments;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { fn.apply(null, args); }, delay);
    }
    delayed.cancel = function () { window.clearTimeout(timer); };
    return delayed;
  }

  function suggestCommunes(form, datalist) {
    var url = form.getAttribute("data-communes");
    var controller = null;
    return debounce(function (input) {
      var text = input.value.trim();
      if (text.length < 2 || !url) { return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (communes) {
          datalist.replaceChildren.apply(datalist, communes.map(function (commune) {
            var option = document.createElement("option");
            option.value = commune.valeur;
            option.label = commune.libelle;
            return option;
          }));
        })
        .catch(function () { /* a hint, not a must: ignore network errors */ });
    }, 200);
  }

  function selectedIds() {
    return Array.prototype.map.call(document.querySelectorAll('input[name="ids"]:checked'), function (box) { return box.value; });
  }

  // What the advisor set in the results region, kept across a swap: the picks once touched
  // (until then, the fresh « L'essentiel » is ticked), the note, the desk, open sections.
  function keptState(touched) {
    var note = document.getElementById("champ-note");
    var desk = document.getElementById("champ-permanence");
    return {
      ids: touched ? selectedIds() : null,
      note: note ? note.value : "",
      desk: desk && desk.dataset.changed ? desk.value : null,
      open: Array.prototype.map.call(document.querySelectorAll("#resultats details[open]"), function (d) { return d.id; })
    };
  }

  function restore(state) {
    if (state.ids) {
      document.querySelectorAll('input[name="ids"]').forEach(function (box) {
        box.checked = state.ids.indexOf(box.value) !== -1;
      });
    }
    var note = document.getElementById("champ-note");
    if (note && state.note) { note.value = state.note; }
    var desk = document.getElementById("champ-permanence");
    if (desk && state.desk !== null) { desk.value = state.desk; desk.dataset.changed = "1"; }
    state.open.forEach(function (id) {
      var details = id && document.getElementById(id);
      if (details) { details.open = true; }
    });
  }

  function swapFrom(doc, form) {
    document.querySelectorAll("[data-swap]").forEach(function (region) {
      var fresh = doc.getElementById(region.id);
      if (!fresh) { return; }
      region.innerHTML = fresh.innerHTML;
      region.hidden = fresh.hidden;
    });
    Array.prototype.forEach.call(form.elements, function (control) {
      var fresh = control.id && doc.getElementById(control.id);
      if (!fresh) { return; }
      if (fresh.hasAttribute("aria-invalid")) { control.setAttribute("aria-invalid", "true"); }
      else { control.removeAttribute("aria-invalid"); }
    });
    document.title = doc.title;
  }

  function liveResults(form) {
    var results = document.getElementById("resultats");
    var heading = document.getElementById("resultats-titre");
    var commune = form.elements.commune;
    var controller = null;
    var touched = false;  // the advisor ticked or unticked a solution
    results.addEventListener("change", function (event) {
      if (event.target.name === "ids") { touched = true; }
      if (event.target.id === "champ-permanence") { event.target.dataset.changed = "1"; }
    });
    // A submission asks for the results; a later update (a box ticked, the end of typing)
    // supersedes its request but must not drop that wish.
    var focusWanted = false;

    function focusAfterSwap(focusedId) {
      if (focusWanted) {
        focusWanted = false;
        var target = document.querySelector("#erreurs .error-summary") || heading;
        target.focus();
        target.scrollIntoView({ block: "start" });
      } else if (focusedId !== null) {
        // the focused control was replaced by its fresh copy: keep the keyboard where it was
        (document.getElementById(focusedId) || heading).focus();
      }
    }

    function update(focusResults) {
      if (focusResults) { focusWanted = true; }
      else if (!commune || commune.value.trim().length < 2) { return; }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (String(value).trim() !== "") { params.append(name, value); }
      });
      var query = params.toString();
      var url = form.action.split("#")[0] + "?" + query;
      var kept = keptState(touched);
      if (controller) { controller.abort(); }
      controller = new AbortController();
      results.setAttribute("aria-busy", "true");
      fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var active = document.activeElement;
          var focused = results.contains(active) ? active.id : null;
          swapFrom(doc, form);
          restore(kept);
          window.history.replaceState(null, "", url);
          focusAfterSwap(focused);
        })
        .catch(function (error) { if (error.name !== "AbortError") { form.submit(); } })
        .finally(function () { results.removeAttribute("aria-busy"); });
    }

    var typed = debounce(function () { update(false); }, TYPING_DELAY);
    var suggestions = document.getElementById("communes-proposees");

    function picked(input) {
      // A commune half typed is not worth an alert; one chosen from the suggestions is.
      return Array.prototype.some.call(suggestions ? suggestions.options : [], function (option) {
        return option.value === input.value;
      });
    }

    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.type === "checkbox" || target.type === "radio") { return; }
      if (target.hasAttribute("list") && !picked(target)) { return; }
      typed();
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.type === "checkbox" || target.type === "radio" || target.hasAttribute("list")) {
        typed.cancel();
        update(false);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typed.cancel();  // else the end of the typing delay would fetch again, after the focus
      update(true);
    });
  }

  function desk(form) {
    var datalist = document.getElementById("communes-proposees");
    if (datalist) {
      var suggest = suggestCommunes(form, datalist);
      form.querySelectorAll('input[list="communes-proposees"]').forEach(function (input) {
        input.addEventListener("input", function () { suggest(input); });
      });
    }
    liveResults(form);
  }

  function buttons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.querySelector(".copy-status");
      if (!field || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) { status.textContent = "Texte copié."; }
        }, function () {
          field.select();
          if (status) { status.textContent = "Sélectionné : faites Ctrl+C pour copier."; }
        });
      });
    });
  }

  var form = document.getElementById("situation");
  if (form) { desk(form); }
  buttons();
}());
