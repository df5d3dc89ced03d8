/* london-maps: the seats for keyboards and screen readers.
 * The seats are one listbox with one tab stop; arrow keys move through them in
 * reading order (rows from north to south, each from west to east), Enter
 * opens the result and Escape closes it. Each seat is named for the layer shown. */
function lmKeys(ctx) {
  "use strict";
  var map = ctx.map, STYLE = ctx.style;
  var order = {}, active = {};

  // The focus ring: a dark line on a white halo, in a pane of its own.
  map.createPane("lmFocus").setAttribute("aria-hidden", "true");
  var renderer = L.svg({ pane: "lmFocus" });
  var halo = L.polygon([], { renderer: renderer, interactive: false, fill: false,
    color: STYLE.focus_halo, weight: STYLE.focus_width + 4, opacity: 1 });
  var ring = L.polygon([], { renderer: renderer, interactive: false, fill: false,
    color: STYLE.focus, weight: STYLE.focus_width, opacity: 1 });

  function readingOrder(shapes) {
    // Rows three quarters of a typical seat high, from north to south; each
    // row from west to east.
    var centres = shapes.map(function (s) { return s.getBounds().getCenter(); });
    var heights = shapes.map(function (s) {
      var b = s.getBounds(); return b.getNorth() - b.getSouth();
    }).sort(function (a, b) { return a - b; });
    var band = 0.75 * heights[Math.floor(heights.length / 2)] || 1;
    var north = Math.max.apply(null, centres.map(function (c) { return c.lat; }));
    var keys = centres.map(function (c, i) {
      return { i: i, row: Math.floor((north - c.lat) / band), lng: c.lng };
    });
    keys.sort(function (a, b) { return a.row - b.row || a.lng - b.lng || a.i - b.i; });
    return keys.map(function (k) { return k.i; });
  }

  function listbox() {
    return map.getPanes().overlayPane.querySelector("svg g");
  }

  function label(view) {
    ctx.shapes[view].forEach(function (shape, i) {
      var path = shape.getElement();
      if (path) path.setAttribute("aria-label", ctx.seatName(i));
    });
  }

  function key() {
    // Reading order and tab stop belong to a view of a boundary set.
    return ctx.election().set + "/" + ctx.current.view;
  }

  function prepare() {
    // Roles, names and the one tab stop of the view shown.
    var view = ctx.current.view, g = listbox(), k = key();
    if (!g) return;
    g.setAttribute("role", "listbox");
    g.setAttribute("aria-label", "Seats, " + ctx.set().codes.length +
      ": arrow keys move from north-west to south-east, Enter shows the result");
    if (!order[k]) order[k] = readingOrder(ctx.shapes[view]);
    if (active[k] === undefined) active[k] = order[k][0];
    order[k].forEach(function (i, position) {
      var path = ctx.shapes[view][i].getElement();
      path.setAttribute("role", "option");
      path.setAttribute("aria-selected", String(i === active[k]));
      path.setAttribute("tabindex", i === active[k] ? "0" : "-1");
      // Counted in the order the keys visit them (the drawing order stays:
      // gains are drawn last, over their neighbours).
      path.setAttribute("aria-posinset", String(position + 1));
      path.setAttribute("aria-setsize", String(order[k].length));
    });
    label(view);
  }

  function show(i) {
    // Move the tab stop and focus to seat i; its tooltip shows, as on hover.
    var shapes = ctx.shapes[ctx.current.view], old = shapes[active[key()]].getElement();
    old.setAttribute("tabindex", "-1");
    old.setAttribute("aria-selected", "false");
    active[key()] = i;
    var shape = shapes[i], path = shape.getElement();
    path.setAttribute("tabindex", "0");
    path.setAttribute("aria-selected", "true");
    var centre = shape.getBounds().getCenter(), area = ctx.clearArea;
    if (area && !map.getBounds().contains(shape.getBounds())) {
      map.panInside(centre, { paddingTopLeft: [area.left, area.top], animate: false,
        paddingBottomRight: [map.getSize().x - area.right, map.getSize().y - area.bottom] });
    }
    path.focus({ preventScroll: true });
  }

  function focused(e) {
    var i = ctx.shapes[ctx.current.view].map(function (s) { return s.getElement(); }).indexOf(e.target);
    if (i < 0) return;
    if (i !== active[key()]) show(i);
    var latlngs = ctx.shapes[ctx.current.view][i].getLatLngs();
    halo.setLatLngs(latlngs).addTo(map);
    ring.setLatLngs(latlngs).addTo(map);
    ctx.openTooltip(i);
  }

  function blurred() {
    ctx.closeTooltip();
    map.removeLayer(halo);
    map.removeLayer(ring);
  }

  function keydown(e) {
    var k = key(), seq = order[k], at = seq.indexOf(active[k]);
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step) {
      show(seq[(at + step + seq.length) % seq.length]);
    } else if (e.key === "Home" || e.key === "End") {
      show(seq[e.key === "Home" ? 0 : seq.length - 1]);
    } else if (e.key === "Enter" || e.key === " ") {
      ctx.openResult(active[k], e.target);
    } else if (e.key === "Escape" && ctx.current.seat < 0) {
      ctx.closeTooltip();  // dismiss, focus stays
    } else if (e.key === "+" || e.key === "=" || e.key === "-") {
      if (e.key === "-") map.zoomOut(); else map.zoomIn();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  var pane = map.getPanes().overlayPane;
  pane.addEventListener("focusin", focused);
  pane.addEventListener("focusout", blurred);
  pane.addEventListener("keydown", keydown);
  ctx.on("layer", function () { label(ctx.current.view); });
  ctx.on("view", prepare);
  map.on("zoomend", function () {
    if (halo._map) { halo.redraw(); ring.redraw(); }
  });
  prepare();
}
