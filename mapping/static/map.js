/* london-maps: one geometry, many layers, restyled in the page.
 * Every value from the data is written with textContent, never as HTML.
 * This file draws the seats, layers, legend and results; layout.js places the
 * controls and fits the map, keys.js gives the seats to the keyboard,
 * search.js finds seats, table.js shows them as a table. */
function londonMaps(map, data) {
  "use strict";
  var T = lmText, el = T.el, STYLE = data.style, SHAPES = lmShapes.decode(data);
  var listeners = {};
  var ctx = {
    map: map, data: data, style: STYLE,
    views: { geo: L.featureGroup(), hex: L.featureGroup() },
    shapes: { geo: [], hex: [] },
    current: { layer: data.layers[0], view: "geo" },
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    fire: function (name) { (listeners[name] || []).forEach(function (fn) { fn(); }); },
    count: T.count,
    pct: function (n) { return T.percent(n, STYLE); },
    party: function (code) { return data.parties[code] || { name: code, colour: STYLE.no_data }; }
  };
  var hexLabels = L.layerGroup(), labelSpans = [];
  var tableValues = data.table.values;

  ctx.tableValue = function (column, i) {
    // A value of `london-maps table`: the table's own arrays, else the seat's.
    if (column === "election") return data.election;
    if (column in tableValues) {
      var v = tableValues[column];
      return Array.isArray(v) ? v[i] : v;
    }
    return data.seats[i][column];
  };

  // --- the live region: layer, view and search changes, said politely -------
  var live = el("div", null, "lm-sr");
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  (document.querySelector("main") || document.body).appendChild(live);
  ctx.announce = function (text) {
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 30);
  };

  // --- what a seat says: tooltip, result, accessible name --------------------
  // A file of winners only, or of shares, lacks some figures: say so.
  var ABSENT = "not in this file";
  function majority(seat, ofValid) {
    var votes = seat.majority, pct = seat.majority_pct;
    if (votes === null && pct === null) return "majority " + ABSENT;
    if (votes === null) return "majority " + ctx.pct(pct) + (ofValid ? " of valid votes" : "") + " (votes " + ABSENT + ")";
    if (pct === null) return "majority " + ctx.count(votes) + " (% " + ABSENT + ")";
    return "majority " + ctx.count(votes) + " (" + ctx.pct(pct) + (ofValid ? " of valid votes" : "") + ")";
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function tooltip(seat) {
    var box = el("div");
    box.appendChild(el("strong", seat.name));
    if (!seat.result) { box.appendChild(el("div", "No result")); return box; }
    box.appendChild(el("div", ctx.party(seat.winner).name + " · " + seat.result));
    box.appendChild(el("div", capital(majority(seat, false))));
    return box;
  }

  function result(seat) {
    var box = el("div", null, "lm-popup"), heading = el("h3", seat.name);
    heading.tabIndex = -1;
    box.appendChild(heading);
    if (!seat.result) { box.appendChild(el("p", "No result in the data for this seat.")); return box; }
    box.appendChild(el("p", seat.result + " · " + data.election + " general election"));
    box.appendChild(el("p", "Elected: " + (seat.winner_name || "n/a") + " (" + ctx.party(seat.winner).name + ")"));
    var table = el("table"), head = el("tr");
    ["Party", "Candidate", "Votes", "Share"].forEach(function (h) {
      var th = el("th", h); th.scope = "col"; head.appendChild(th);
    });
    table.appendChild(head);
    seat.votes.forEach(function (row) {
      var tr = el("tr"), name = el("td"), dot = el("span", null, "lm-dot");
      dot.style.background = ctx.party(row[0]).colour;
      name.appendChild(dot);
      name.appendChild(document.createTextNode(ctx.party(row[0]).name));
      tr.appendChild(name);
      tr.appendChild(el("td", row[2] || ""));
      tr.appendChild(el("td", ctx.count(row[1]), "lm-num"));
      tr.appendChild(el("td", ctx.pct(row[3]), "lm-num"));
      table.appendChild(tr);
    });
    box.appendChild(seat.votes.length ? table : el("p", "Votes of each party: " + ABSENT));
    box.appendChild(el("p", capital(majority(seat, true))));
    box.appendChild(el("p", seat.turnout_pct === null ? "Turnout: " + ABSENT :
      seat.valid_votes === null ? "Turnout " + ctx.pct(seat.turnout_pct) :
      "Turnout " + ctx.pct(seat.turnout_pct) + " (valid votes " + ctx.count(seat.valid_votes) +
      " of " + ctx.count(seat.electorate) + " electors)"));
    box.appendChild(el("p", "Remain 2016 (estimate, Hanretty): " + ctx.pct(seat.remain_pct)));
    return box;
  }
  ctx.result = result;

  ctx.layerValue = function (i, layer) {
    // What a seat shows on a layer, in words: its value, or its legend band.
    var seat = data.seats[i], column = layer.column, entry = layer.classes[i];
    if (typeof seat[column] === "number") return ctx.pct(seat[column]);
    if (column.indexOf("share_") === 0) {
      var code = column.slice(6), row = seat.votes.filter(function (v) { return v[0] === code; })[0];
      return row ? ctx.pct(row[3]) : ctx.pct(0);
    }
    return entry >= 0 ? layer.legend[entry][0] : layer.no_data;
  };

  ctx.seatName = function (i) {
    // "Battersea, Labour gain from Conservative, majority 2,416 (4.4%)", and
    // the value of the layer shown where it is not the result or the majority.
    var seat = data.seats[i], layer = ctx.current.layer;
    if (!seat.winner) return seat.name + ", no result";
    var from = ctx.tableValue("gained_from", i);
    var call = ctx.party(seat.winner).name + (ctx.tableValue("gain", i) && from
      ? " gain from " + ctx.party(from).name : " hold");
    var words = [seat.name, call, majority(seat, false)];
    if (["winner", "gains", "majority"].indexOf(layer.id) < 0) {
      words.push(layer.title + " " + ctx.layerValue(i, layer));
    }
    return words.join(", ");
  };

  // --- the seats ---------------------------------------------------------------
  var viewNames = data.hex ? ["geo", "hex"] : ["geo"];
  // Many areas are drawn on one canvas (shapes.js decides); a canvas has no
  // element per seat, and paints the gain hatch as a pattern of its own.
  var RENDERER = lmShapes.renderer(data.seats.length);
  data.seats.forEach(function (seat, i) {
    viewNames.forEach(function (view) {
      var shape = L.polygon(SHAPES[view][i], {
        className: "lm-seat", renderer: RENDERER, weight: STYLE.edge_width, color: STYLE.edge,
        fillOpacity: STYLE.fill_opacity, opacity: 1
      });
      shape.bindTooltip(tooltip(seat), { sticky: true });
      shape.on("click", function (e) { ctx.openResult(i, null, e.latlng); });
      shape.on("mouseover", function () {
        shape.setStyle({ weight: STYLE.hover_width, color: STYLE.hover_edge });
      });
      shape.on("mouseout", function () { restyle(shape, i); });
      shape.on("add", function () {
        if (shape.getElement()) shape.getElement().setAttribute("data-code", seat.code);
      });
      ctx.shapes[view].push(shape);
      ctx.views[view].addLayer(shape);
    });
    if (data.hex) {
      // Seat names on the hexes: text nodes, never HTML; the seats name
      // themselves to assistive technology, so the labels are hidden from it.
      var label = el("span", seat.label);
      label.setAttribute("data-code", seat.code);
      labelSpans.push(label);
      var centre = L.polygon(SHAPES.hex[i]).getBounds().getCenter();
      hexLabels.addLayer(L.marker(centre, {
        icon: L.divIcon({ className: "lm-hex-label", html: label, iconSize: null }),
        interactive: false, keyboard: false
      }));
    }
  });
  map.getPanes().markerPane.setAttribute("aria-hidden", "true");

  function sizeLabels() {
    // Labels only where the hexes are wide enough to hold them.
    if (!data.hex) return;
    var box = ctx.shapes.hex[0].getBounds();
    var width = map.latLngToContainerPoint(box.getNorthEast()).x -
      map.latLngToContainerPoint(box.getSouthWest()).x;
    map.getContainer().classList.toggle("lm-hex-small", width < 58);
  }
  map.on("zoomend", sizeLabels);

  var SVG = "http://www.w3.org/2000/svg", hatches = {};

  function hatch(colour, lines) {
    // The fill colour crossed by diagonal lines: a gain reads as a gain without
    // telling red from green. The same hatch as the images and the legend.
    if (RENDERER) return lmShapes.hatch(colour, lines, STYLE);
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
    var layer = ctx.current.layer, entry = layer.classes[i];
    var legend = entry >= 0 ? layer.legend[entry] : [layer.no_data, STYLE.no_data, null, STYLE.no_data_ink];
    var lines = legend[2];
    shape.setStyle({
      fillColor: lines ? hatch(legend[1], lines) : legend[1],
      color: lines ? STYLE.gain_outline : STYLE.edge,
      weight: lines ? STYLE.gain_width : STYLE.edge_width
    });
    if (lines) shape.bringToFront();
    if (labelSpans[i]) {
      // The label sits on a plate of the seat's fill, in the ink that
      // contrasts with it most (style.label_ink): 4.5:1 or more.
      labelSpans[i].style.color = legend[3];
      labelSpans[i].style.backgroundColor = legend[1];
    }
  }

  function showLayer(layer) {
    ctx.current.layer = layer;
    ctx.shapes[ctx.current.view].forEach(function (shape, i) { restyle(shape, i); });
    drawLegend();
    ctx.fire("layer");
  }

  var tiles = [];
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles.push(layer); });

  function showView(view) {
    map.removeLayer(ctx.views[ctx.current.view]);
    ctx.current.view = view;
    ctx.views[view].addTo(map);
    tiles.forEach(function (t) { if (view === "hex") map.removeLayer(t); else t.addTo(map); });
    map.getContainer().classList.toggle("lm-hex-view", view === "hex");
    if (view === "hex") hexLabels.addTo(map); else map.removeLayer(hexLabels);
    ctx.closeResult(false);
    showLayer(ctx.current.layer);
    ctx.fire("view");
    ctx.fit();
  }

  // --- controls ----------------------------------------------------------------
  var panel = lmLayout.panel(ctx);

  function radios(div, title, name, options, onPick) {
    var set = el("fieldset"), legend = el("legend", title);
    set.appendChild(legend);
    options.forEach(function (opt, k) {
      var label = el("label"), input = el("input");
      input.type = "radio"; input.name = name; input.value = opt.value; input.checked = k === 0;
      input.addEventListener("change", function () { if (input.checked) onPick(opt.value, opt.label); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + opt.label));
      set.appendChild(label);
    });
    div.appendChild(set);
  }

  if (data.hex) {
    radios(panel.body, "View", "lm-view", [
      { value: "geo", label: "Map" }, { value: "hex", label: "Hexes (one per seat)" }
    ], function (view, label) {
      showView(view);
      ctx.announce("View: " + label + ". " + legendWords());
    });
  }
  radios(panel.body, "Layer", "lm-layer", data.layers.map(function (l) {
    return { value: l.id, label: l.title };
  }), function (id) {
    showLayer(data.layers.filter(function (l) { return l.id === id; })[0]);
    ctx.announce("Layer: " + legendWords());
  });
  var actions = el("div", null, "lm-actions");
  panel.body.appendChild(actions);
  var about = el("details", null, "lm-about"), summary = el("summary", "About this map");
  about.appendChild(summary);
  about.appendChild(el("p", data.description));
  panel.body.appendChild(about);

  var legendBox = lmLayout.control(map, "bottomleft", "lm-panel lm-legend", function () {}).getContainer();
  legendBox.setAttribute("role", "region");
  legendBox.setAttribute("aria-label", "Legend");

  function legendRows() {
    var layer = ctx.current.layer, noData = layer.classes.indexOf(-1) >= 0;
    return layer.legend.concat(noData ? [[layer.no_data, STYLE.no_data, null]] : []);
  }

  function legendWords() {
    return ctx.current.layer.title + ": " + legendRows().map(function (e) { return e[0]; }).join(", ") + ".";
  }

  function drawLegend() {
    legendBox.textContent = "";
    legendBox.appendChild(el("h2", ctx.current.layer.title));
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
    if (ctx.current.layer.note) legendBox.appendChild(el("p", ctx.current.layer.note, "lm-note"));
    ctx.fire("legend");
  }

  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el("span", data.attribution).innerHTML);

  lmLayout.arrange(ctx, panel);
  ctx.views.geo.addTo(map);
  showLayer(ctx.current.layer);
  lmKeys(ctx);
  lmSearch(ctx, panel.search);
  lmTable(ctx, actions);
  ctx.fit();
  ctx.on("fit", sizeLabels);
  sizeLabels();
  window.londonMapsState = ctx.current;  // for tests and the curious
}
