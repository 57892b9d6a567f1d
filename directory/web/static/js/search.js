// Results while typing and filtering. Progressive enhancement only: without this script the
// forms submit normally and every feature still works.
//
// The page marks the parts that change with data-swap="…" (heading, status line, commune help,
// results). A new answer replaces the content of each part, never the field being typed in;
// the status line, outside the results, is what screen readers announce.
(function () {
  "use strict";
  var searchForm = document.querySelector("[data-live-search]");
  if (!searchForm || !window.fetch || !window.DOMParser) { return; }
  var pending = null;
  var timer = null;

  function formUrl(form) {
    return form.action + "?" + new URLSearchParams(new FormData(form)).toString();
  }

  // The filters fold behind a button on a phone; beside the results, they are open.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 52rem)") : null;
  function unfoldOnWideScreens(wasOpen) {
    var fold = document.querySelector("[data-facets-fold]");
    if (fold && (wasOpen || (wide && wide.matches))) { fold.open = true; }
  }

  function swap(doc) {
    var focusedId = document.activeElement ? document.activeElement.id : "";
    var fold = document.querySelector("[data-facets-fold]");
    var wasOpen = Boolean(fold && fold.open);
    document.querySelectorAll("[data-swap]").forEach(function (region) {
      var fresh = doc.querySelector('[data-swap="' + region.getAttribute("data-swap") + '"]');
      region.innerHTML = fresh ? fresh.innerHTML : "";
    });
    unfoldOnWideScreens(wasOpen);
    // Each place field says whether it is in error, as the server-rendered page does.
    ["commune", "destination"].forEach(function (name) {
      var field = document.getElementById(name);
      var error = document.getElementById(name + "-error");
      if (!field) { return; }
      field.setAttribute("aria-describedby", name + "-hint" + (error ? " " + name + "-error" : ""));
      if (error) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
      field.closest(".field").classList.toggle("field--error", Boolean(error));
    });
    // Keep the keyboard where it was: the same control exists in the new results.
    var again = focusedId && document.getElementById(focusedId);
    if (again && again !== document.activeElement) { again.focus(); }
    syncHiddenFilters(doc.querySelector("[data-live-search]"));
    bindFacets();
  }

  function load(url) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(url, { headers: { "Accept": "text/html" }, signal: pending.signal })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        swap(doc);
        document.title = doc.title;
        history.replaceState(null, "", url);
      })
      .catch(function () { /* network error or aborted: the plain form still works */ });
  }

  // Keep the search form's hidden filters equal to the page's filters.
  function syncHiddenFilters(freshForm) {
    if (!freshForm) { return; }
    searchForm.querySelectorAll("input[type=hidden]").forEach(function (input) { input.remove(); });
    freshForm.querySelectorAll("input[type=hidden]").forEach(function (input) {
      searchForm.appendChild(document.importNode(input, true));
    });
  }

  function bindFacets() {
    var facets = document.querySelector("[data-auto-submit]");
    if (!facets || facets.dataset.bound) { return; }
    facets.dataset.bound = "1";
    facets.addEventListener("change", function () { load(formUrl(facets)); });
  }

  searchForm.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(formUrl(searchForm)); }, 250);
  });
  bindFacets();
  unfoldOnWideScreens(false);
})();
