/* london-maps: the seats' shapes, read back from the data island, and how
 * to draw many of them. shapes.py writes them; this is the one place that
 * knows their encoding: shared arcs for the map, grid positions for hexes. */
var lmShapes = (function () {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  // Above this many areas a view is drawn on one canvas, not as SVG paths.
  var CANVAS_FROM = 3000;

  function points(text, origin, step) {
    // One arc: zigzag varints (5 bits a digit, 32 = more) of [lat, lng] grid deltas.
    var out = [], lat = 0, lng = 0, value = 0, scale = 1, first = true;
    for (var i = 0; i < text.length; i++) {
      var digit = VALUE[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; continue; }
      var delta = value % 2 ? -(value + 1) / 2 : value / 2;
      if (first) lat += delta; else { lng += delta; out.push([origin[0] + lat * step[0], origin[1] + lng * step[1]]); }
      first = !first; value = 0; scale = 1;
    }
    return out;
  }

  function ring(refs, arcs) {
    // Arcs joined end to start (~n: arc n backwards), left open as Leaflet keeps it.
    var out = [];
    refs.forEach(function (ref) {
      var arc = arcs[ref < 0 ? ~ref : ref];
      if (ref < 0) arc = arc.slice().reverse();
      for (var k = out.length ? 1 : 0; k < arc.length; k++) out.push(arc[k]);
    });
    out.pop();
    return out;
  }

  function geo(topology) {
    var arcs = topology.arcs.split(".").map(function (text) {
      return points(text, topology.origin, topology.step);
    });
    return topology.seats.map(function (polygons) {
      return polygons.map(function (rings) {
        return rings.map(function (refs) { return ring(refs, arcs); });
      });
    });
  }

  function cubic(c, x, y) {
    // Terms x^i y^j (i + j <= 3), by i then j, as shapes.encode_hexes fits them.
    return c[0] + y * (c[1] + y * (c[2] + y * c[3])) +
      x * (c[4] + y * (c[5] + y * c[6]) + x * (c[7] + y * c[8] + x * c[9]));
  }

  function hexes(grid) {
    // Pointy-topped odd-r hexes in hex sizes (as hexes.hex_geometries lays
    // them out), turned into WGS84 by the fitted cubics.
    var corners = [30, 90, 150, 210, 270, 330].map(function (deg) {
      return [Math.cos(deg * Math.PI / 180), Math.sin(deg * Math.PI / 180)];
    });
    return grid.q.map(function (q, k) {
      var r = grid.r[k], x = Math.sqrt(3) * (q + 0.5 * (r & 1)), y = 1.5 * r;
      return [corners.map(function (c) {
        var u = (x + c[0] - grid.centre[0]) / grid.span, v = (y + c[1] - grid.centre[1]) / grid.span;
        return [cubic(grid.lat, u, v), cubic(grid.lng, u, v)];
      })];
    });
  }

  function decode(views) {
    // { geo: [latlngs per seat], hex: [latlngs per seat] | null }
    return { geo: geo(views.geo), hex: views.hex ? hexes(views.hex) : null };
  }

  var canvas = null;
  function renderer(count) {
    // The renderer for a view of `count` areas: undefined (the map's SVG)
    // for a few thousand, where each seat is an element of its own; one
    // shared canvas above, where thousands of elements would make the page
    // slow to load and to zoom.
    if (count < CANVAS_FROM) return undefined;
    return canvas || (canvas = L.canvas({ padding: 0.5, tolerance: 2 }));
  }

  var patterns = {};
  function hatch(colour, lines, style) {
    // The gain hatch for a canvas: the fill crossed by the same lines as the
    // SVG pattern and the legend (a tile of hatch_spacing, the line at its
    // edge, turned by hatch_angle), as a fill a canvas paints with.
    var key = colour + lines;
    if (patterns[key]) return patterns[key];
    var size = style.hatch_spacing, tile = document.createElement("canvas");
    tile.width = size; tile.height = size;
    var g = tile.getContext("2d");
    g.fillStyle = colour; g.fillRect(0, 0, size, size);
    g.globalAlpha = style.hatch_opacity; g.strokeStyle = lines; g.lineWidth = style.hatch_width;
    g.beginPath(); g.moveTo(0, 0); g.lineTo(0, size); g.stroke();
    var pattern = g.createPattern(tile, "repeat");
    pattern.setTransform(new DOMMatrix().rotateSelf(style.hatch_angle));
    patterns[key] = pattern;
    return pattern;
  }

  return { decode: decode, renderer: renderer, hatch: hatch, CANVAS_FROM: CANVAS_FROM };
})();
