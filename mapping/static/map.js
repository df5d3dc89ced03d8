/* london-maps: one geometry per boundary set, many elections and layers,
 * restyled in the page. Every value from the data is written with textContent,
 * never as HTML. This file holds the page's context (ctx), draws the seats and
 * the legend and switches between elections, layers and views; words.js says
 * what a seat says, controls.js builds the panel's choices, layout.js places
 * them and fits the map, keys.js gives the seats to the keyboard, search.js
 * finds seats, table.js shows them as a table, url.js keeps the view in the
 * address. */
function londonMaps(map, data) {
  "use strict";
  var T = lmText, el = T.el, STYLE = data.style;
  var listeners = {}, byYear = {}, layersOf = {}, bundles = {};
  data.elections.forEach(function (E) {
    byYear[E.year] = E;
    E.votes.forEach(function (rows, i) {
      // Rows travel as [party, votes, candidate]; each gets its share (%).
      var valid = E.seats.valid_votes ? E.seats.valid_votes[i] : null;
      rows.forEach(function (row) { row[3] = valid ? 100 * row[1] / valid : null; });
    });
    E.layers = data.layers.map(function (head, k) { return merged(head, E.layers[k], E.votes.length); });
    layersOf[E.year] = {};
    E.layers.forEach(function (layer) { layersOf[E.year][layer.id] = layer; });
  });
  function merged(head, own, seats) {
    // A layer as the page reads it: its head, then what this election changes;
    // each seat's legend entry a number (-1: no data), sent as one character.
    // A layer the election lacks says why, and every seat is no data.
    if (own.absent !== undefined) {
      return Object.assign({}, head, { note: own.absent + ".", no_data: own.absent, legend: [],
        classes: new Array(seats).fill(-1) });
    }
    var layer = Object.assign({}, head, own);
    if (typeof own.classes === "string") {
      layer.classes = own.classes.split("").map(function (c) { return c === "-" ? -1 : parseInt(c, 36); });
    }
    return layer;
  }

  function swing(column, i) {
    // Butler swing from A to B (mapping.changes.butler_swing): the change in
    // B's share minus the change in A's, halved; a party without a change
    // stood in neither election (0). None where the seat has no previous result.
    var pair = /^swing_(.+)_to_(.+)$/.exec(column);
    if (!pair || ctx.tableValue("swing_con_to_lab", i) === null) return null;
    var changes = ctx.election().seats;
    function change(party) {
      var key = Object.keys(changes).filter(function (c) { return c.toLowerCase() === "change_" + party; })[0];
      var value = key && changes[key] ? changes[key][i] : null;
      return value === null || value === undefined ? 0 : value;
    }
    var scale = Math.pow(10, STYLE.value_decimals);  // rounded as the seats' values are
    return Math.round((change(pair[2]) - change(pair[1])) / 2 * scale) / scale;
  }

  var DERIVED = {
    // What the page works out where the election's `derive` names it, by the
    // project's rules (mapping.logic.mark_gains, result_labels): a gain where
    // the winner is not the previous winner (known), and the call of the result.
    gain: function (i) {
      var previous = ctx.value("previous_winner", i);
      return previous !== null && ctx.value("winner", i) !== previous;
    },
    gained_from: function (i) {
      return ctx.tableValue("gain", i) ? ctx.value("previous_winner", i) : null;
    },
    result: function (i) {
      var winner = ctx.value("winner", i);
      if (winner === null) return null;
      if (ctx.value("previous_winner", i) === null) return winner + " win";
      return ctx.tableValue("gain", i) ? winner + " gain from " + ctx.tableValue("gained_from", i) : winner + " hold";
    }
  };

  var first = byYear[data.initial];
  var ctx = {
    map: map, data: data, style: STYLE,
    current: { year: first.year, layer: first.layers[0].id, view: "geo", seat: -1 },
    election: function () { return byYear[ctx.current.year]; },
    set: function () { return data.sets[ctx.election().set]; },
    layer: function () { return layersOf[ctx.current.year][ctx.current.layer]; },
    value: function (column, i) {
      // Seat i's value in the election shown; null where there is none.
      var values = ctx.election().seats[column];
      if (values === undefined && column.indexOf("swing_") === 0) return swing(column, i);
      if (values === undefined && ctx.election().derive.indexOf(column) >= 0) return DERIVED[column](i);
      return values && values[i] !== undefined ? values[i] : null;
    },
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    fire: function (name) { (listeners[name] || []).forEach(function (fn) { fn(); }); },
    count: T.count,
    pct: function (n) { return T.percent(n, STYLE); },
    points: function (n) { return T.points(n, STYLE); },
    party: function (code) { return data.parties[code] || { name: code, colour: STYLE.no_data }; },
    swingPair: function () { return ["Con", "Lab"]; }  // controls.js follows the reader's choice
  };
  ctx.defaults = { year: ctx.current.year, layer: ctx.current.layer, view: "geo", seat: -1 };

  ctx.tableValue = function (column, i) {
    // A value of `london-maps table`: the table's own arrays, else the seat's.
    var E = ctx.election(), values = E.table.values;
    if (column === "election") return E.year;
    if (column === "code") return ctx.set().codes[i];
    if (column === "name") return ctx.set().names[i];
    if (column in values) return Array.isArray(values[column]) ? values[column][i] : values[column];
    return ctx.value(column, i);
  };

  // --- the live region: changes and search results, said politely -----------
  var live = el("div", null, "lm-sr");
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  (document.querySelector("main") || document.body).appendChild(live);
  ctx.announce = function (text) {
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 30);
  };

  lmWords(ctx);

  // --- the seats of a boundary set: each view made when first shown ----------
  // One tooltip and one set of handlers per view serve all its seats: a seat
  // is found from the event (its index travels on the shape as lmSeat).
  var tip = L.tooltip({ sticky: true }), tipSeat = -1;
  // The seats' SVG reaches half a view beyond each side: a popup's pan does
  // not show seats cut at the old view's edge.
  var svg = L.svg({ padding: 0.5 });

  ctx.openTooltip = function (i, latlng) {
    // Seat i's tooltip, at the point given or at the seat's centre.
    var shape = ctx.shapes[ctx.current.view][i];
    if (tipSeat !== i || !map.hasLayer(tip)) tip.setContent(ctx.tooltip(i));
    tipSeat = i;
    tip.setLatLng(latlng || shape.getCenter());
    if (!map.hasLayer(tip)) map.openTooltip(tip);
  };
  ctx.closeTooltip = function () { map.closeTooltip(tip); tipSeat = -1; };

  function seatEvents(group) {
    group.on("click", function (e) {
      ctx.openTooltip(e.layer.lmSeat, e.latlng);
      ctx.openResult(e.layer.lmSeat, null, e.latlng);
    });
    group.on("mouseover", function (e) {
      e.layer.setStyle({ weight: STYLE.hover_width, color: STYLE.hover_edge });
      ctx.openTooltip(e.layer.lmSeat, e.latlng);
    });
    group.on("mousemove", function (e) {
      // Sticky: the tooltip follows the pointer.
      if (tipSeat === e.layer.lmSeat) tip.setLatLng(map.mouseEventToLatLng(e.originalEvent));
    });
    group.on("mouseout", function (e) {
      restyle(e.layer, e.layer.lmSeat);
      ctx.closeTooltip();
    });
  }

  function bundle(setId) {
    if (bundles[setId]) return bundles[setId];
    var set = data.sets[setId];
    // Many areas are drawn on one canvas (shapes.js): it has no element per
    // seat, and paints the gain hatch as a pattern of its own.
    var b = { canvas: set.codes.length >= lmShapes.CANVAS_FROM, views: {}, shapes: {},
      hasHex: !!set.shapes.hex, labels: L.layerGroup(), spans: [], set: set };
    bundles[setId] = b;
    return b;
  }

  function makeView(b, view) {
    // The shapes of one view of a boundary set: made the first time it is shown.
    if (b.views[view]) return;
    var latlngs = lmShapes.decodeView(b.set.shapes, view), group, shapes = [];
    var style = { weight: STYLE.edge_width, color: STYLE.edge, fillOpacity: STYLE.fill_opacity, opacity: 1 };
    if (b.canvas) {
      group = lmShapes.painter(latlngs, style);
      shapes = group.seats;
    } else {
      group = L.featureGroup();
      latlngs.forEach(function (seat, i) {
        var shape = L.polygon(seat, L.extend({ className: "lm-seat", renderer: svg }, style));
        shape.lmSeat = i;
        shapes.push(shape);
        group.addLayer(shape);
      });
    }
    seatEvents(group);
    b.views[view] = group;
    b.shapes[view] = shapes;
    if (view !== "hex") return;
    latlngs.forEach(function (seat, i) {
      // Seat names on the hexes: text nodes, never HTML; the seats name
      // themselves to assistive technology, so the labels are hidden from it.
      var label = el("span", b.set.labels[i]);
      label.setAttribute("data-code", b.set.codes[i]);
      b.spans[i] = label;
      b.labels.addLayer(L.marker(shapes[i].getBounds().getCenter(), {
        icon: L.divIcon({ className: "lm-hex-label", html: label, iconSize: null }),
        interactive: false, keyboard: false
      }));
    });
  }

  var shown = null;  // the bundle on the map

  function sizeLabels() {
    // Labels only where the hexes are wide enough to hold them.
    if (!shown || !shown.shapes.hex) return;
    var box = shown.shapes.hex[0].getBounds();
    var width = map.latLngToContainerPoint(box.getNorthEast()).x -
      map.latLngToContainerPoint(box.getSouthWest()).x;
    map.getContainer().classList.toggle("lm-hex-small", width < 58);
  }
  map.on("zoomend", sizeLabels);

  var SVG = "http://www.w3.org/2000/svg", hatches = {};

  function hatch(colour, lines) {
    // The fill colour crossed by diagonal lines: a gain reads as a gain without
    // telling red from green. The same hatch as the images and the legend.
    if (shown && shown.canvas) return lmShapes.hatch(colour, lines, STYLE);
    var key = colour + lines;
    if (hatches[key]) return hatches[key];
    var svg = map.getPanes().overlayPane.querySelector("svg");
    var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(SVG, "defs"), svg.firstChild);
    var pattern = document.createElementNS(SVG, "pattern"), id = "lm-hatch-" + Object.keys(hatches).length;
    var size = String(STYLE.hatch_spacing);
    pattern.setAttribute("id", id);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", size); pattern.setAttribute("height", size);
    pattern.setAttribute("patternTransform", "rotate(" + STYLE.hatch_angle + ")");
    var rect = document.createElementNS(SVG, "rect"), line = document.createElementNS(SVG, "line");
    rect.setAttribute("width", size); rect.setAttribute("height", size); rect.setAttribute("fill", colour);
    line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
    line.setAttribute("x2", "0"); line.setAttribute("y2", size);
    line.setAttribute("stroke", lines); line.setAttribute("stroke-width", String(STYLE.hatch_width));
    line.setAttribute("stroke-opacity", String(STYLE.hatch_opacity));
    pattern.appendChild(rect); pattern.appendChild(line); defs.appendChild(pattern);
    hatches[key] = "url(#" + id + ")";
    return hatches[key];
  }

  function swatchHatch(lines) {
    // The legend's picture of the same hatch, as a CSS gradient.
    var half = STYLE.hatch_width / 2, gap = STYLE.hatch_spacing / Math.SQRT2;
    return "repeating-linear-gradient(" + STYLE.hatch_angle + "deg, " + lines + " 0 " +
      half + "px, transparent " + half + "px " + gap + "px)";
  }

  function restyle(shape, i) {
    var layer = ctx.layer(), entry = layer.classes[i];
    var legend = entry >= 0 ? layer.legend[entry] : [layer.no_data, STYLE.no_data, null, STYLE.no_data_ink];
    var lines = legend[2];
    shape.setStyle({
      fillColor: lines ? hatch(legend[1], lines) : legend[1],
      color: lines ? STYLE.gain_outline : STYLE.edge,
      weight: lines ? STYLE.gain_width : STYLE.edge_width
    });
    if (lines) shape.bringToFront();
    if (shown.spans[i]) {
      // The label sits on a plate of the seat's fill, in the ink that
      // contrasts with it most (style.label_ink): 4.5:1 or more.
      shown.spans[i].style.color = legend[3];
      shown.spans[i].style.backgroundColor = legend[1];
    }
  }

  var tiles = [];
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles.push(layer); });

  function use(b, view) {
    // Make a boundary set's view the one the page works on (not yet drawn).
    makeView(b, view);
    shown = b;
    ctx.views = b.views;
    ctx.shapes = b.shapes;
  }

  function draw(b, view) {
    // Put the view on the map, gains over their neighbours; each seat's path
    // carries its code.
    b.views[view].addTo(map);
    var layer = ctx.layer();
    b.shapes[view].forEach(function (shape, i) {
      var entry = layer.classes[i], path = shape.getElement();
      if (entry >= 0 && layer.legend[entry][2]) shape.bringToFront();
      if (path) path.setAttribute("data-code", b.set.codes[i]);
    });
  }

  function place(b, view) {
    // Put a boundary set's view on the map, in place of what was there.
    if (shown) { map.removeLayer(shown.views[ctx.current.view]); map.removeLayer(shown.labels); }
    ctx.closeTooltip();
    use(b, view);
    draw(b, view);
    tiles.forEach(function (t) { if (view === "hex") map.removeLayer(t); else t.addTo(map); });
    map.getContainer().classList.toggle("lm-hex-view", view === "hex");
    if (view === "hex") b.labels.addTo(map);
  }

  function carrySeat(seat, fromSet, toSet) {
    // The same seat on the same boundaries; across a boundary change, the
    // seat of the same name, if there is one.
    if (seat < 0 || fromSet === toSet) return seat;
    var name = T.fold(data.sets[fromSet].names[seat]);
    var names = data.sets[toSet].names.map(T.fold);
    return names.indexOf(name);
  }

  ctx.show = function (next) {
    // Show a state {year, layer, view, seat}: what is not given, or makes no
    // sense in the election asked for, follows from what is shown.
    var was = ctx.current, before = shown;
    var year = byYear[next.year] ? Number(next.year) : was.year, E = byYear[year];
    var b = bundle(E.set), wasSet = ctx.election().set;
    var view = next.view || was.view;
    if (view !== "hex" || !b.hasHex) view = "geo";
    var layer = layersOf[year][next.layer] ? next.layer :
      layersOf[year][was.layer] ? was.layer : E.layers[0].id;
    var seat = next.seat !== undefined ? next.seat : carrySeat(was.seat, wasSet, E.set);
    var changed = { year: year !== was.year, view: view !== was.view || b !== before,
      layer: layer !== was.layer };
    if (was.seat >= 0 && (changed.year || changed.view || seat !== was.seat)) ctx.closeResult(false);
    if (changed.view) place(b, view);
    ctx.current.year = year; ctx.current.layer = layer; ctx.current.view = view;
    ctx.shapes[view].forEach(function (shape, i) { restyle(shape, i); });
    drawLegend();
    if (changed.year) ctx.fire("election");
    if (changed.view) ctx.fire("view");
    ctx.fire("layer");
    if (changed.view && view !== was.view && ctx.fit) ctx.fit();
    if (seat >= 0 && ctx.current.seat !== seat) ctx.openResult(seat, null);
    return changed;
  };

  // --- controls and legend -------------------------------------------------------
  var panel = lmLayout.panel(ctx);
  var legendBox = lmLayout.control(map, "bottomleft", "lm-panel lm-legend", function () {}).getContainer();
  legendBox.setAttribute("role", "region");
  legendBox.setAttribute("aria-label", "Legend");

  function legendRows() {
    var layer = ctx.layer(), noData = layer.classes.indexOf(-1) >= 0;
    return layer.legend.concat(noData ? [[layer.no_data, STYLE.no_data, null]] : []);
  }

  ctx.legendWords = function () {
    return ctx.layer().title + ": " + legendRows().map(function (e) { return e[0]; }).join(", ") + ".";
  };

  function drawLegend() {
    legendBox.textContent = "";
    legendBox.appendChild(el("h2", ctx.layer().title));
    var list = el("ul");
    legendRows().forEach(function (entry) {
      var row = el("li", null, "lm-row"), swatch = el("span", null, "lm-swatch");
      swatch.style.backgroundColor = entry[1];
      swatch.style.borderColor = STYLE.swatch_edge;
      if (entry[2]) {
        swatch.className += " lm-outlined";
        swatch.style.borderColor = STYLE.gain_outline;
        swatch.style.backgroundImage = swatchHatch(entry[2]);
      }
      row.appendChild(swatch);
      row.appendChild(el("span", entry[0]));
      list.appendChild(row);
    });
    legendBox.appendChild(list);
    if (ctx.layer().note) legendBox.appendChild(el("p", ctx.layer().note, "lm-note"));
    ctx.fire("legend");
  }

  map.attributionControl.setPrefix(false);
  var credited = null;
  function credit() {
    var text = el("span", ctx.election().attribution).innerHTML;
    if (text === credited) return;
    if (credited !== null) map.attributionControl.removeAttribution(credited);
    map.attributionControl.addAttribution(text);
    credited = text;
  }
  ctx.on("election", credit);
  credit();

  // --- at load: the seats drawn once, where they will stay ---------------------
  // The controls and legend come first and the map is fitted around them
  // before the seats are added, so that Leaflet projects each seat once.
  var actions = lmControls(ctx, panel);
  lmSearch(ctx, panel.search);
  lmTable(ctx, actions);
  lmLayout.arrange(ctx, panel);
  var start = bundle(first.set);
  use(start, "geo");
  if (!start.canvas) map.getRenderer(ctx.shapes.geo[0]);  // the SVG the hatches live in
  ctx.shapes.geo.forEach(function (shape, i) { restyle(shape, i); });
  drawLegend();  // the legend is measured: the map is fitted (layout.js)
  draw(start, "geo");
  ctx.on("fit", sizeLabels);
  lmUrl(ctx);
  // What the first picture does not need waits until it is painted: the
  // seats' roles and names for the keyboard and screen readers.
  lmLayout.afterPaint(function () {
    lmKeys(ctx);
    window.londonMapsState = ctx.current;  // for tests and the curious: the page is ready
  });
}
