// explainer serve: live reload and error overlay. Injected by the dev
// server into HTML responses only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var base = me ? me.src.replace(/__explainer\/live\.js.*$/, "") : "/";
  var state = (window.__explainerLive = { open: false, problems: 0, events: 0 });
  var scrollKey = "explainer-scroll:" + location.pathname;

  // Restore the scroll position saved before a live reload.
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0], +xy[1]); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  function reload() {
    sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    location.reload();
  }

  // here is the URL of this page as the server names it.
  function here() {
    return location.pathname.replace(/index\.html$/, "");
  }

  function swapCSS(url) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    var swapped = false;
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href, location.href);
      if (u.origin === location.origin && u.pathname === url) {
        u.searchParams.set("explainer", Date.now());
        links[i].href = u.pathname + u.search;
        swapped = true;
      }
    }
    return swapped;
  }

  function onReload(data) {
    if (data.all) return reload();
    var page = here();
    var changed = data.changed || [];
    for (var i = 0; i < changed.length; i++) {
      var u = changed[i];
      if (/\.css$/.test(u)) { swapCSS(u); continue; }
      if (/\/$|\.html$/.test(u)) {
        if (u === page || u.replace(/index\.html$/, "") === page) return reload();
        continue;
      }
      if (/\.(js|svg|png|jpe?g|gif|webp|avif|woff2?)$/.test(u)) return reload();
    }
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) e.style.cssText = style;
    return e;
  }

  function showProblems(list) {
    state.problems = list.length;
    var old = document.getElementById("explainer-overlay");
    if (old) old.remove();
    if (!list.length) return;
    var box = el("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#f5f5f5;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem");
    box.id = "explainer-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "explainer-overlay-title");
    var h = el("h2", list.length + (list.length === 1 ? " error" : " errors") +
      " — the last good build is shown underneath", "margin:0 0 1rem;font-size:1.2rem;color:#ff8a80");
    h.id = "explainer-overlay-title";
    box.appendChild(h);
    var close = el("button", "Hide", "position:absolute;top:1rem;right:1rem;min-width:44px;min-height:44px;" +
      "background:#333;color:#fff;border:1px solid #888;border-radius:4px;cursor:pointer");
    close.onclick = function () { box.remove(); };
    box.appendChild(close);
    var ol = el("ol", "", "margin:0;padding-left:1.5rem");
    for (var i = 0; i < list.length; i++) {
      var p = list[i];
      var li = el("li", "", "margin-bottom:1rem");
      var head = el("div");
      head.appendChild(el("strong", p.pos, "color:#80d8ff"));
      head.appendChild(document.createTextNode(": " + p.msg));
      li.appendChild(head);
      if (p.source) {
        var src = p.line + " | " + p.source;
        if (p.caret) src += "\n" + " ".repeat(String(p.line).length + 3) + p.caret;
        li.appendChild(el("pre", src, "margin:.25rem 0;padding:.5rem;background:#000;color:#fff;white-space:pre-wrap"));
      }
      (p.notes || []).forEach(function (n) { li.appendChild(el("div", n, "color:#ccc;padding-left:1rem")); });
      ol.appendChild(li);
    }
    box.appendChild(ol);
    (document.body || document.documentElement).appendChild(box);
  }

  // lastId is the id of the last event seen: a stream opened anew (the
  // browser gave up on the old one, say after a 503 during a restart)
  // passes it, so the server can tell this page to reload.
  var lastId = "";
  function seen(e) { if (e.lastEventId) lastId = e.lastEventId; }

  function connect() {
    var url = base + "__explainer/events" + (lastId ? "?last=" + encodeURIComponent(lastId) : "");
    var es = new EventSource(url);
    es.onopen = function () { state.open = true; };
    es.onerror = function () {
      state.open = false;
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 500);
    };
    es.addEventListener("hello", seen);
    es.addEventListener("reload", function (e) { seen(e); state.events++; onReload(JSON.parse(e.data)); });
    es.addEventListener("problems", function (e) {
      seen(e);
      state.events++;
      var list = JSON.parse(e.data).problems || [];
      if (document.body) showProblems(list);
      else document.addEventListener("DOMContentLoaded", function () { showProblems(list); });
    });
  }
  connect();
})();
