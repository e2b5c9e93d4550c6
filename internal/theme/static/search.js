// Search for /search/: loads /search-index.json (written by the Go build)
// into MiniSearch and lists matches as the reader types. Without JavaScript
// the page lists every page instead. Keyboard: type, press the down arrow
// to move into the results, up and down to move between them, Escape to go
// back to the box.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("results");
  var every = document.getElementById("every-page");
  if (!form || !input || !results || typeof MiniSearch === "undefined") return;

  // The page's language speaks through the form's data attributes (the
  // layout fills them from i18n/<lang>.toml): {q} is the query, {n} a
  // count, {error} what went wrong; matches holds a plural string's forms
  // by CLDR category, chosen with Intl.PluralRules.
  var d = form.dataset;
  var kinds = { home: d.kindHome, actor: d.kindActor, demand: d.kindDemand, topic: d.kindTopic, page: d.kindPage, section: d.kindSection, matrix: d.kindView, map: d.kindView };
  var matches = {};
  try { matches = JSON.parse(d.matches || "{}"); } catch (e) { /* keep the count alone */ }
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function fill(s, n, q) {
    // Functions as replacements: a query's "$&" is text, not a pattern.
    return (s || "").replace("{n}", function () { return String(n); }).replace("{q}", function () { return q; });
  }
  function matchText(n, q) {
    var cat = rules ? rules.select(n) : (n === 1 ? "one" : "other");
    return fill(matches[cat] || matches.other || "{n}", n, q);
  }
  var engine = null;
  var loading = null;
  var timer = 0;

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (docs) {
          engine = new MiniSearch({
            idField: "url",
            fields: ["title", "summary", "text"],
            storeFields: ["url", "title", "summary", "kind"],
            searchOptions: { boost: { title: 3, summary: 2 }, prefix: true, fuzzy: 0.2, combineWith: "AND" }
          });
          engine.addAll(docs);
          return engine;
        });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(q, hits) {
    results.textContent = "";
    hits.slice(0, 50).forEach(function (h) {
      var li = el("li");
      var a = el("a", "", h.title);
      a.href = h.url;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "tag", kinds[h.kind] || h.kind));
      if (h.summary) li.appendChild(el("p", "", h.summary));
      results.appendChild(li);
    });
    results.hidden = hits.length === 0;
    every.hidden = q !== "";
    if (q === "") status.textContent = "";
    else if (hits.length === 0) status.textContent = fill(d.none, 0, q);
    else status.textContent = matchText(hits.length, q) + (hits.length > 50 ? fill(d.first, 50, q) : ".");
  }

  function run(replaceURL) {
    var q = input.value.trim();
    if (replaceURL && window.history && history.replaceState) {
      history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    }
    if (q === "") {
      show("", []);
      return;
    }
    load().then(function (ms) {
      if (input.value.trim() !== q) return; // a newer query is on its way
      show(q, ms.search(q));
    }).catch(function (err) {
      status.textContent = (d.failed || "{error}").replace("{error}", function () { return err.message; });
      every.hidden = false;
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 120);
  });
  input.addEventListener("focus", load, { once: true });

  function links() { return Array.prototype.slice.call(results.querySelectorAll("a")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !results.hidden) {
      var first = links()[0];
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  results.addEventListener("keydown", function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    run(false);
  }
})();
