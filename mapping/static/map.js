/* london-maps: one geometry, many layers, restyled in the page.
 * Every value from the data is written with textContent, never as HTML. */
function londonMaps(map, data) {
  "use strict";
  var SCALE = data.scale, STYLE = data.style;
  var counts = new Intl.NumberFormat("en-GB");
  var views = { geo: L.featureGroup(), hex: L.featureGroup() };
  var hexLabels = L.layerGroup();
  var shapes = { geo: [], hex: [] };
  var current = { layer: data.layers[0], view: "geo" };

  function decode(encoded) {
    // Polygons of rings of delta-encoded [lat, lng] integers.
    return encoded.map(function (polygon) {
      return polygon.map(function (ring) {
        var lat = 0, lng = 0, out = [];
        for (var i = 0; i < ring.length; i += 2) {
          lat += ring[i]; lng += ring[i + 1];
          out.push([lat / SCALE, lng / SCALE]);
        }
        return out;
      });
    });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function fmt(n) { return n === null ? "n/a" : counts.format(n); }
  function pct(n) {
    // The rule of mapping.style.format_percent: one decimal, or enough
    // significant digits that a tiny value never reads as zero.
    if (n === null) return "n/a";
    var decimals = STYLE.percent_decimals;
    if (n !== 0 && Math.abs(n) < Math.pow(10, -decimals)) {
      decimals = STYLE.small_percent_digits - 1 - Math.floor(Math.log10(Math.abs(n)));
    }
    return n.toFixed(decimals).replace("-", "\u2212") + "%";
  }
  function party(code) { return data.parties[code]; }

  function tooltip(seat) {
    var box = el("div");
    box.appendChild(el("strong", seat.name));
    if (!seat.result) { box.appendChild(el("div", "No result")); return box; }
    box.appendChild(el("div", party(seat.winner).name + " · " + seat.result));
    box.appendChild(el("div", "Majority " + fmt(seat.majority) + " (" + pct(seat.majority_pct) + ")"));
    return box;
  }

  function popup(seat) {
    var box = el("div", null, "lm-popup");
    box.appendChild(el("h3", seat.name));
    if (!seat.result) { box.appendChild(el("p", "No result in the data for this seat.")); return box; }
    box.appendChild(el("p", seat.result + " · " + data.election + " general election"));
    box.appendChild(el("p", "Elected: " + (seat.winner_name || "n/a") + " (" + party(seat.winner).name + ")"));
    var table = el("table"), head = el("tr");
    ["Party", "Candidate", "Votes", "Share"].forEach(function (h) { head.appendChild(el("th", h)); });
    table.appendChild(head);
    seat.votes.forEach(function (row) {
      var tr = el("tr"), name = el("td"), dot = el("span", null, "lm-dot");
      dot.style.background = party(row[0]).colour;
      name.appendChild(dot);
      name.appendChild(document.createTextNode(party(row[0]).name));
      tr.appendChild(name);
      tr.appendChild(el("td", row[2] || ""));
      tr.appendChild(el("td", fmt(row[1]), "lm-num"));
      tr.appendChild(el("td", pct(row[3]), "lm-num"));
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el("p", "Majority " + fmt(seat.majority) + " (" + pct(seat.majority_pct) + " of valid votes)"));
    box.appendChild(el("p", "Turnout " + pct(seat.turnout_pct) + " (valid votes " + fmt(seat.valid_votes) +
      " of " + fmt(seat.electorate) + " electors)"));
    box.appendChild(el("p", "Remain 2016 (estimate, Hanretty): " + pct(seat.remain_pct)));
    return box;
  }

  data.seats.forEach(function (seat, i) {
    (data.hex ? ["geo", "hex"] : ["geo"]).forEach(function (view) {
      var shape = L.polygon(decode(data[view][i]), {
        className: "lm-seat", weight: STYLE.edge_width, color: STYLE.edge,
        fillOpacity: STYLE.fill_opacity, opacity: 1
      });
      shape.bindTooltip(tooltip(seat), { sticky: true });
      shape.bindPopup(popup(seat), { maxWidth: 360 });
      shape.on("mouseover", function () {
        shape.setStyle({ weight: STYLE.hover_width, color: STYLE.hover_edge });
      });
      shape.on("mouseout", function () { restyle(shape, i); });
      shape.on("add", function () { shape.getElement().setAttribute("data-code", seat.code); });
      shapes[view].push(shape);
      views[view].addLayer(shape);
    });
    if (data.hex) {
      // Seat names on the hexes: text nodes, never HTML.
      var label = el("span", seat.label);
      var centre = L.polygon(decode(data.hex[i])).getBounds().getCenter();
      hexLabels.addLayer(L.marker(centre, {
        icon: L.divIcon({ className: "lm-hex-label", html: label, iconSize: null }),
        interactive: false, keyboard: false
      }));
    }
  });

  function sizeLabels() {
    // Labels only where the hexes are wide enough to hold them.
    if (!data.hex) return;
    var box = shapes.hex[0].getBounds();
    var width = map.latLngToContainerPoint(box.getNorthEast()).x -
      map.latLngToContainerPoint(box.getSouthWest()).x;
    map.getContainer().classList.toggle("lm-hex-small", width < 58);
  }
  map.on("zoomend", sizeLabels);

  var SVG = "http://www.w3.org/2000/svg", hatches = {};

  function hatch(colour, lines) {
    // The fill colour crossed by diagonal lines: a gain reads as a gain without
    // telling red from green. The same hatch as the images and the legend.
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
    var entry = current.layer.classes[i];
    var lines = entry >= 0 ? current.layer.legend[entry][2] : null;
    var colour = entry >= 0 ? current.layer.legend[entry][1] : STYLE.no_data;
    shape.setStyle({
      fillColor: lines ? hatch(colour, lines) : colour,
      color: lines ? STYLE.gain_outline : STYLE.edge,
      weight: lines ? STYLE.gain_width : STYLE.edge_width
    });
    if (lines) shape.bringToFront();
  }

  function showLayer(layer) {
    current.layer = layer;
    shapes[current.view].forEach(function (shape, i) { restyle(shape, i); });
    drawLegend();
  }

  var tiles = [];
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles.push(layer); });

  function showView(view) {
    map.removeLayer(views[current.view]);
    current.view = view;
    views[view].addTo(map);
    tiles.forEach(function (t) { if (view === "hex") map.removeLayer(t); else t.addTo(map); });
    map.getContainer().classList.toggle("lm-hex-view", view === "hex");
    if (view === "hex") hexLabels.addTo(map); else map.removeLayer(hexLabels);
    showLayer(current.layer);
    fit();
  }

  function control(position, className, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", "lm-panel " + className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }
    });
    return new Control({ position: position }).addTo(map);
  }

  function radios(div, title, name, options, onPick) {
    var set = el("fieldset"), legend = el("legend", title);
    set.appendChild(legend);
    options.forEach(function (opt, k) {
      var label = el("label"), input = el("input");
      input.type = "radio"; input.name = name; input.value = opt.value; input.checked = k === 0;
      input.addEventListener("change", function () { if (input.checked) onPick(opt.value); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + opt.label));
      set.appendChild(label);
    });
    div.appendChild(set);
  }

  control("topright", "lm-layers", function (div) {
    div.appendChild(el("div", data.title, "lm-title"));
    if (data.hex) {
      radios(div, "View", "lm-view", [
        { value: "geo", label: "Map" }, { value: "hex", label: "Hexes (one per seat)" }
      ], showView);
    }
    radios(div, "Layer", "lm-layer", data.layers.map(function (l) {
      return { value: l.id, label: l.title };
    }), function (id) {
      showLayer(data.layers.filter(function (l) { return l.id === id; })[0]);
    });
  });

  var legendBox = control("bottomleft", "lm-legend", function () {}).getContainer();

  function drawLegend() {
    legendBox.textContent = "";
    legendBox.appendChild(el("h2", current.layer.title));
    var noData = current.layer.classes.indexOf(-1) >= 0;
    current.layer.legend.concat(noData ? [[current.layer.no_data, STYLE.no_data, null]] : [])
      .forEach(function (entry) {
        var row = el("div", null, "lm-row"), swatch = el("span", null, "lm-swatch");
        swatch.style.backgroundColor = entry[1];
        swatch.style.borderColor = STYLE.swatch_edge;
        if (entry[2]) {
          swatch.className += " lm-outlined";
          swatch.style.borderColor = STYLE.gain_outline;
          swatch.style.backgroundImage = swatchHatch(entry[2]);
        }
        row.appendChild(swatch);
        row.appendChild(el("span", entry[0]));
        legendBox.appendChild(row);
      });
    if (current.layer.note) legendBox.appendChild(el("div", current.layer.note, "lm-note"));
  }

  control("topleft", "lm-search", function (div) {
    var input = el("input"), list = el("datalist"), miss = el("div", null, "lm-miss");
    input.type = "search"; input.placeholder = "Find a seat"; input.setAttribute("list", "lm-seat-names");
    input.setAttribute("aria-label", "Find a seat by name");
    list.id = "lm-seat-names";
    data.seats.forEach(function (seat) { var o = el("option"); o.value = seat.name; list.appendChild(o); });
    function find() {
      var q = input.value.trim().toLowerCase(), hit = -1;
      if (!q) return;
      data.seats.forEach(function (seat, i) {
        var name = seat.name.toLowerCase();
        if (hit < 0 && name === q) hit = i;
      });
      data.seats.forEach(function (seat, i) {
        if (hit < 0 && seat.name.toLowerCase().indexOf(q) >= 0) hit = i;
      });
      miss.textContent = hit < 0 ? "No seat matches \u201c" + input.value + "\u201d" : "";
      if (hit < 0) return;
      var shape = shapes[current.view][hit];
      map.fitBounds(shape.getBounds(), { maxZoom: 13, animate: false });
      shape.openPopup(shape.getBounds().getCenter());
    }
    input.addEventListener("change", find);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") find(); });
    div.appendChild(input); div.appendChild(list); div.appendChild(miss);
  });

  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el("span", data.attribution).innerHTML);
  function fit() {
    // Keep the seats clear of the panels on either side.
    map.fitBounds(views[current.view].getBounds(),
      { paddingTopLeft: [200, 20], paddingBottomRight: [260, 20], animate: false });
    sizeLabels();
  }

  views.geo.addTo(map);
  fit();
  showLayer(current.layer);
  window.londonMapsState = current;  // for tests and the curious
}
