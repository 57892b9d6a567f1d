// Results while typing and filtering. Progressive enhancement only: without this script the
// forms submit normally and every feature still works.
(function () {
  "use strict";
  var searchForm = document.querySelector("[data-live-search]");
  if (!searchForm || !window.fetch || !window.DOMParser) { return; }
  var pending = null;
  var timer = null;

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    // The facets form carries q and commune too; the search form carries the filters.
    return form.action + "?" + params.toString();
  }

  function load(url, push) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(url, { headers: { "Accept": "text/html" }, signal: pending.signal })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".results-layout");
        var current = document.querySelector(".results-layout");
        if (fresh && current) {
          // Keep the keyboard where it was: the same control exists in the new results.
          var focusedId = document.activeElement && current.contains(document.activeElement)
            ? document.activeElement.id : "";
          current.replaceWith(fresh);
          bindFacets();
          var again = focusedId && document.getElementById(focusedId);
          if (again) { again.focus(); }
        }
        syncHiddenFilters(doc.querySelector("[data-live-search]"));
        var heading = doc.querySelector("h1");
        if (heading) { document.querySelector("h1").textContent = heading.textContent; }
        document.title = doc.title;
        if (push) { history.replaceState(null, "", url); }
      })
      .catch(function () { /* network error or aborted: the plain form still works */ });
  }

  // Keep the search form's hidden filters equal to the page's filters.
  function syncHiddenFilters(freshForm) {
    if (!freshForm) { return; }
    searchForm.querySelectorAll("input[type=hidden]").forEach(function (input) { input.remove(); });
    var button = searchForm.querySelector("button");
    freshForm.querySelectorAll("input[type=hidden]").forEach(function (input) {
      searchForm.insertBefore(document.importNode(input, true), button);
    });
  }

  function bindFacets() {
    var facets = document.querySelector("[data-auto-submit]");
    if (!facets) { return; }
    facets.addEventListener("change", function () { load(formUrl(facets), true); });
  }

  searchForm.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(formUrl(searchForm), true); }, 250);
  });
  bindFacets();
})();
