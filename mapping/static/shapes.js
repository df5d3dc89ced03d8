/* london-maps: the seats' shapes, read back from the data island.
 * shapes.py writes them; this is the one place that knows their encoding. */
var lmShapes = (function () {
  "use strict";

  function polygons(encoded, scale) {
    // Polygons of rings of delta-encoded [lat, lng] integers → Leaflet latlngs.
    return encoded.map(function (polygon) {
      return polygon.map(function (ring) {
        var lat = 0, lng = 0, out = [];
        for (var i = 0; i < ring.length; i += 2) {
          lat += ring[i]; lng += ring[i + 1];
          out.push([lat / scale, lng / scale]);
        }
        return out;
      });
    });
  }

  function decode(views) {
    // { geo: [latlngs per seat], hex: [latlngs per seat] | null }
    var one = function (e) { return polygons(e, views.scale); };
    return { geo: views.geo.map(one), hex: views.hex ? views.hex.map(one) : null };
  }

  return { decode: decode };
})();
