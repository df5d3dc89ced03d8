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
    // One arc: zigzag varints (5 bits a digit, 32 = more) of [lat, lng] grid
    // deltas; each point an L.LatLng.
    var out = [], lat = 0, lng = 0, value = 0, scale = 1, first = true;
    for (var i = 0; i < text.length; i++) {
      var digit = VALUE[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; continue; }
      var delta = value % 2 ? -(value + 1) / 2 : value / 2;
      if (first) lat += delta; else { lng += delta; out.push(new L.LatLng(origin[0] + lat * step[0], origin[1] + lng * step[1])); }
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
        return new L.LatLng(cubic(grid.lat, u, v), cubic(grid.lng, u, v));
      })];
    });
  }

  function decodeView(views, view) {
    // One view's seats ("geo" or "hex"): polygons of rings of L.LatLng, what
    // Leaflet's shapes hold, made once (shared arcs share them).
    return view === "hex" ? hexes(views.hex) : geo(views.geo);
  }

  // --- many areas: one canvas, each seat a Path2D projected once ------------------
  // Leaflet would project, clip and simplify every polygon again at each zoom;
  // the painter keeps each seat as a path in the pixels of BASE_ZOOM (about a
  // local origin, so that single-precision paths stay exact) and draws the
  // view with a scale. Seats are found under the pointer by their boxes, then
  // by the path itself.
  var BASE_ZOOM = 8;

  var Seat = L.Evented.extend({
    // One area as the page handles a shape: its bounds, its style, drawn over
    // its neighbours; it has no element of its own.
    options: { interactive: true },
    initialize: function (painter, index, latlngs) {
      this.lmSeat = index;
      this.front = false;
      this.style = {};
      this._painter = painter;
      this._bounds = L.latLngBounds([]);
      latlngs.forEach(function (rings) { this._bounds.extend(rings[0]); }, this);
      this.addEventParent(painter);
    },
    getBounds: function () { return this._bounds; },
    getCenter: function () { return this._bounds.getCenter(); },
    getElement: function () { return null; },
    setStyle: function (style) {
      L.extend(this.style, style);
      this.front = false;
      this._painter.changed();
      return this;
    },
    bringToFront: function () {
      if (this.front) return this;
      this.front = true;
      this._painter.changed();
      return this;
    }
  });

  var Painter = L.Canvas.extend({
    initialize: function (seats, style) {
      // seats: [polygons [rings [points]]], each point an L.LatLng or
      // [lat, lng] (decodeView gives L.LatLng); style:
      // each seat's first style (fillOpacity, opacity, color, weight).
      L.Canvas.prototype.initialize.call(this, { padding: 0.5 });
      this._latlngs = seats;
      this._base = style;
      this.seats = seats.map(function (latlngs, i) { return new Seat(this, i, latlngs); }, this);
    },

    getBounds: function () {
      var bounds = L.latLngBounds([]);
      this.seats.forEach(function (seat) { bounds.extend(seat.getBounds()); });
      return bounds;
    },

    onAdd: function (map) {
      if (!this._paths) this._project(map.options.crs);
      L.Canvas.prototype.onAdd.call(this);  // and drawn
    },

    _project: function (crs) {
      // Every seat's path and box in BASE_ZOOM pixels, from the origin of
      // the whole set.
      var origin = crs.latLngToPoint(this.getBounds().getNorthWest(), BASE_ZOOM);
      this._origin = origin;
      this._boxes = [];
      this._paths = this._latlngs.map(function (polygons) {
        var path = new Path2D(), box = [Infinity, Infinity, -Infinity, -Infinity];
        polygons.forEach(function (rings) {
          rings.forEach(function (ring) {
            ring.forEach(function (ll, n) {
              var p = crs.latLngToPoint(L.latLng(ll), BASE_ZOOM);
              var x = p.x - origin.x, y = p.y - origin.y;
              if (n) path.lineTo(x, y); else path.moveTo(x, y);
              box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
              box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
            });
            path.closePath();
          });
        });
        this._boxes.push(box);
        return path;
      }, this);
      this._latlngs = null;
      this._probe = document.createElement("canvas").getContext("2d");
    },

    _scale: function () { return Math.pow(2, this._map.getZoom() - BASE_ZOOM); },

    _toBase: function (layerPoint) {
      // A point of the map's layer in the paths' pixels.
      var k = this._scale(), o = this._map.getPixelOrigin();
      return L.point((layerPoint.x + o.x) / k - this._origin.x, (layerPoint.y + o.y) / k - this._origin.y);
    },

    changed: function () {
      // A seat's style changed: draw again before the next frame.
      if (this._map && !this._redrawRequest) this._redrawRequest = L.Util.requestAnimFrame(this._redraw, this);
    },

    _updatePaths: function () {
      if (!this._postponeUpdatePaths) this._redraw();
    },

    _draw: function () {
      // The seats in view: fills, then edges; gains and the seat under the
      // pointer over their neighbours.
      if (!this._map || !this._paths) return;
      var g = this._ctx, k = this._scale(), o = this._map.getPixelOrigin(), O = this._origin;
      var b = this._bounds, low = this._toBase(b.min), high = this._toBase(b.max), front = [];
      g.save();
      g.transform(k, 0, 0, k, O.x * k - o.x, O.y * k - o.y);
      g.lineJoin = g.lineCap = "round";
      for (var i = 0; i < this._paths.length; i++) {
        var box = this._boxes[i];
        if (box[2] < low.x || box[0] > high.x || box[3] < low.y || box[1] > high.y) continue;
        if (this.seats[i].front) front.push(i); else this._paint(g, i, k);
      }
      front.forEach(function (n) { this._paint(g, n, k); }, this);
      if (this._hoveredLayer) this._paint(g, this._hoveredLayer.lmSeat, k);
      g.restore();
    },

    _paint: function (g, i, k) {
      var style = L.extend({}, this._base, this.seats[i].style), fill = style.fillColor;
      if (fill instanceof CanvasPattern) {
        // The hatch keeps its size on screen at every zoom.
        fill.setTransform(new DOMMatrix().scaleSelf(1 / k).rotateSelf(fill.lmAngle));
      }
      g.globalAlpha = style.fillOpacity;
      g.fillStyle = fill;
      g.fill(this._paths[i], "evenodd");
      g.globalAlpha = style.opacity;
      g.lineWidth = style.weight / k;
      g.strokeStyle = style.color;
      g.stroke(this._paths[i]);
    },

    _seatAt: function (layerPoint) {
      // The seat drawn at this point of the map's layer (the last drawn).
      if (!this._paths) return null;
      // (Comparing every box takes a fraction of a millisecond.)
      var q = this._toBase(layerPoint), found = null;
      for (var i = 0; i < this._boxes.length; i++) {
        var box = this._boxes[i];
        if (q.x < box[0] || q.x > box[2] || q.y < box[1] || q.y > box[3]) continue;
        if (!this._probe.isPointInPath(this._paths[i], q.x, q.y, "evenodd")) continue;
        if (this.seats[i].front) return this.seats[i];
        found = this.seats[i];
      }
      return found;
    },

    _onClick: function (e) {
      var seat = this._seatAt(this._map.mouseEventToLayerPoint(e));
      if (seat && (e.type === "click" || e.type === "preclick") && this._map._draggableMoved(seat)) seat = null;
      this._fireEvent(seat ? [seat] : false, e);
    },

    _handleMouseHover: function (e, point) {
      var seat = this._seatAt(point);
      if (seat !== this._hoveredLayer) {
        this._handleMouseOut(e);
        if (seat) {
          L.DomUtil.addClass(this._container, "leaflet-interactive");  // the pointer cursor
          this._hoveredLayer = seat;
          this._fireEvent([seat], e, "mouseover");
        }
        this.changed();
      }
      this._fireEvent(this._hoveredLayer ? [this._hoveredLayer] : false, e);
    }
  });

  function painter(seats, style) {
    // Many areas on one canvas (an L.Canvas): `seats` as decodeView gives them;
    // painter.seats[i] is seat i, with the shape's getBounds, setStyle and
    // bringToFront, and its events (click, mouseover, mousemove, mouseout)
    // reach the painter with e.layer.
    return new Painter(seats, style);
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
    pattern.lmAngle = style.hatch_angle;
    patterns[key] = pattern;
    return pattern;
  }

  return { decodeView: decodeView, painter: painter, hatch: hatch, CANVAS_FROM: CANVAS_FROM };
})();
