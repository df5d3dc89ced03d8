/* london-maps: the view in the address, "#2017/gains/hex/E14000887"
 * (election / layer / view [/ seat code]). A link opens exactly that view; each
 * change of election, layer, view or seat is a step the back button retraces
 * (the changes of one action are one step). The address is only compared with
 * the page's own years, layer ids, views and codes: never run, never shown.
 * In an embedded map the address is replaced, not added to, so the article's
 * back button still leaves the article. */
function lmUrl(ctx) {
  "use strict";
  var applying = false, pending = false, framed;
  try { framed = window.top !== window.self; } catch (e) { framed = true; }

  function hashOf(state) {
    var parts = [state.year, state.layer, state.view];
    if (state.seat >= 0) parts.push(ctx.set().codes[state.seat]);
    return "#" + parts.map(function (p) { return encodeURIComponent(String(p)); }).join("/");
  }

  function parse(hash) {
    // A state from the address, or null if any part of it is not the page's.
    var parts = String(hash || "").replace(/^#/, "").split("/");
    if (parts.length < 3 || parts.length > 4) return null;
    try {
      parts = parts.map(decodeURIComponent);
    } catch (e) {
      return null;
    }
    var E = ctx.data.elections.filter(function (e) { return String(e.year) === parts[0]; })[0];
    if (!E) return null;
    var set = ctx.data.sets[E.set];
    var layer = E.layers.filter(function (l) { return l.id === parts[1]; })[0];
    if (!layer || !(parts[2] === "geo" || (parts[2] === "hex" && set.shapes.hex))) return null;
    var seat = parts.length === 4 ? set.codes.indexOf(parts[3]) : -1;
    if (parts.length === 4 && seat < 0) return null;
    return { year: E.year, layer: layer.id, view: parts[2], seat: seat };
  }

  function record() {
    // One history step per action: the changes it makes are written together.
    if (applying || pending) return;
    pending = true;
    setTimeout(function () {
      pending = false;
      var hash = hashOf(ctx.current);
      if (hash === location.hash) return;
      if (framed) history.replaceState(null, "", hash);
      else history.pushState(null, "", hash);
    }, 0);
  }

  function apply(state) {
    applying = true;
    try {
      ctx.show(state);
      if (state.seat < 0) ctx.closeResult(false);
    } finally {
      applying = false;
    }
  }

  ["election", "layer", "view", "seat"].forEach(function (name) { ctx.on(name, record); });
  window.addEventListener("popstate", function () { apply(parse(location.hash) || ctx.defaults); });
  var start = parse(location.hash);
  if (start) apply(start);
}
