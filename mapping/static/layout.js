/* london-maps: where the controls go, how the seats are fitted around them,
 * and where a seat's result opens (a popup, or a bottom sheet on a phone). */
var lmLayout = (function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 640px)");
  var PRINT = window.matchMedia("print");
  //: The map's size on paper (CSS px): A4 landscape within 10 mm margins
  //: (1047 x 718). The print style sheet says the same.
  var PAPER = { width: 1040, height: 700 };
  var GAP = 8;  // px kept clear around every control

  function control(map, position, className, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }
    });
    return new Control({ position: position }).addTo(map);
  }

  function panel(ctx) {
    // The title, the search box, and a button that shows or hides the rest.
    var el = lmText.el, parts = {};
    parts.container = control(ctx.map, "topright", "lm-panel lm-controls", function (div) {
      var head = el("div", null, "lm-head");
      var title = el("h1", ctx.election().title, "lm-title");
      ctx.on("election", function () { title.textContent = ctx.election().title; });
      head.appendChild(title);
      var toggle = el("button", "Layers", "lm-panel-toggle");
      toggle.type = "button";
      toggle.setAttribute("aria-controls", "lm-panel-body");
      head.appendChild(toggle);
      parts.search = el("div", null, "lm-search");
      parts.body = el("div", null, "lm-body");
      parts.body.id = "lm-panel-body";
      div.appendChild(head); div.appendChild(parts.search); div.appendChild(parts.body);
      parts.toggle = toggle;
    }).getContainer();
    parts.setOpen = function (open) {
      parts.toggle.setAttribute("aria-expanded", String(open));
      parts.body.hidden = !open;
      ctx.fire("panel");
    };
    parts.toggle.addEventListener("click", function () {
      parts.setOpen(parts.body.hidden);
    });
    parts.setOpen(!NARROW.matches);
    return parts;
  }

  function visibleControls(map) {
    // Every control drawn over the map, as boxes in the map's pixels.
    var origin = map.getContainer().getBoundingClientRect();
    var boxes = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      boxes.push({ left: r.left - origin.left - GAP, top: r.top - origin.top - GAP,
        right: r.right - origin.left + GAP, bottom: r.bottom - origin.top + GAP });
    });
    return boxes;
  }

  function clearArea(size, obstacles, aspect) {
    // The rectangle clear of every control that holds the seats' bounds (of
    // this width / height) largest: each control is passed on one of its four
    // sides, and every choice is tried (a handful of controls: a few hundred).
    var best = null, bestScale = -1;
    function visit(rect, k) {
      if (rect.right - rect.left < 40 || rect.bottom - rect.top < 40) return;
      if (k === obstacles.length) {
        var w = rect.right - rect.left, h = rect.bottom - rect.top;
        var scale = Math.min(w, h * aspect);
        if (scale > bestScale) { bestScale = scale; best = rect; }
        return;
      }
      var o = obstacles[k];
      if (o.right <= rect.left || o.left >= rect.right || o.bottom <= rect.top || o.top >= rect.bottom) {
        visit(rect, k + 1);
        return;
      }
      visit({ left: rect.left, top: rect.top, right: o.left, bottom: rect.bottom }, k + 1);
      visit({ left: o.right, top: rect.top, right: rect.right, bottom: rect.bottom }, k + 1);
      visit({ left: rect.left, top: rect.top, right: rect.right, bottom: o.top }, k + 1);
      visit({ left: rect.left, top: o.bottom, right: rect.right, bottom: rect.bottom }, k + 1);
    }
    visit({ left: 0, top: 0, right: size.x, bottom: size.y }, 0);
    return best || { left: 0, top: 0, right: size.x, bottom: size.y };
  }

  function arrange(ctx, panel) {
    var map = ctx.map, container = map.getContainer(), el = lmText.el;
    var fitted = true, fitting = false;
    container.tabIndex = -1;  // one tab stop for the map: its seats (keys.js)
    var corner = map._controlCorners;
    // Tab order: the title, search and layers first, the zoom, then the seats.
    corner.topright.parentNode.insertBefore(corner.topright, corner.topleft);
    container.insertBefore(map._controlContainer, container.firstChild);

    function place() {
      // On a phone the title bar spans the top, the zoom buttons sit under it
      // and the attribution joins the legend's corner: nothing overlaps.
      var narrow = NARROW.matches;
      container.classList.toggle("lm-narrow", narrow);
      var attribution = map.attributionControl.getContainer();
      (narrow ? corner.bottomleft : corner.bottomright).appendChild(attribution);
      var below = panel.container.getBoundingClientRect().bottom - container.getBoundingClientRect().top;
      corner.topleft.style.top = narrow ? below + "px" : "";
    }

    ctx.fit = function () {
      // The seats in the largest area clear of the controls, measured as drawn.
      place();
      var bounds = ctx.views[ctx.current.view].getBounds(), size = map.getSize();
      var sw = map.project(bounds.getSouthWest(), 0), ne = map.project(bounds.getNorthEast(), 0);
      var aspect = (ne.x - sw.x) / Math.max(sw.y - ne.y, 1e-9);
      var area = clearArea(size, visibleControls(map), aspect);
      fitting = true;
      map.fitBounds(bounds, {
        paddingTopLeft: [area.left, area.top],
        paddingBottomRight: [size.x - area.right, size.y - area.bottom], animate: false
      });
      fitting = false;
      fitted = true;
      ctx.clearArea = area;
      ctx.fire("fit");
    };

    ctx.fitSeat = function (i) {
      // A seat with its neighbours in view: the seats whose bounds touch it.
      var shapes = ctx.shapes[ctx.current.view], box = shapes[i].getBounds();
      var around = L.latLngBounds(box.getSouthWest(), box.getNorthEast());
      shapes.forEach(function (shape) {
        var other = shape.getBounds();
        if (other.intersects(box.pad(0.05))) around.extend(other);
      });
      around = around.pad(0.25);  // and a little of what lies beyond
      var size = map.getSize(), area = clearArea(size, visibleControls(map), 1);
      fitting = true;
      map.fitBounds(around, {
        paddingTopLeft: [area.left, area.top],
        paddingBottomRight: [size.x - area.right, size.y - area.bottom], animate: false
      });
      fitting = false;
      fitted = false;
    };

    map.on("movestart zoomstart", function () { if (!fitting) fitted = false; });
    // A panel that opens or closes, a legend that changes size, a resize:
    // fit again, unless the reader has moved the map.
    ["panel", "legend"].forEach(function (name) {
      ctx.on(name, function () { if (fitted && ctx.fit) ctx.fit(); else place(); });
    });
    map.on("resize", function () { if (fitted) ctx.fit(); else place(); });
    NARROW.addEventListener("change", function () {
      panel.setOpen(!NARROW.matches);
      ctx.closeResult(false);
    });

    // --- results: a popup beside the seat, or a bottom sheet on a phone --------
    var sheet = el("section", null, "lm-sheet"), sheetBody = el("div");
    var closeSheet = el("button", "Close", "lm-sheet-close");
    closeSheet.type = "button";
    sheet.setAttribute("role", "dialog");
    sheet.setAttribute("aria-label", "Seat result");
    sheet.hidden = true;
    sheet.appendChild(closeSheet); sheet.appendChild(sheetBody);
    L.DomEvent.disableClickPropagation(sheet);
    L.DomEvent.disableScrollPropagation(sheet);
    container.appendChild(sheet);
    closeSheet.addEventListener("click", function () { ctx.closeResult(true); });

    var popup = null, opener = null;

    function selected(i) {
      // The seat whose result is open (-1: none), for the address and others.
      if (ctx.current.seat === i) return;
      ctx.current.seat = i;
      ctx.fire("seat");
    }

    ctx.openResult = function (i, from, latlng) {
      // Show seat i's result; `from` (a seat or the search box) gets the
      // focus back when it closes.
      ctx.closeResult(false);
      var name = ctx.set().names[i], box = ctx.result(i), shape = ctx.shapes[ctx.current.view][i];
      var centre = latlng || shape.getBounds().getCenter();
      opener = from || null;
      selected(i);
      if (NARROW.matches) {
        sheetBody.textContent = "";
        sheetBody.appendChild(box);
        sheet.setAttribute("aria-label", name);
        sheet.hidden = false;
        map.panInside(centre, { paddingTopLeft: [GAP, GAP], paddingBottomRight: [GAP, sheet.offsetHeight + GAP], animate: false });
      } else {
        var controls = panel.container.getBoundingClientRect();
        popup = L.popup({
          maxWidth: 360, className: "lm-result",
          autoPanPaddingTopLeft: L.point(60, GAP * 2),
          autoPanPaddingBottomRight: L.point(controls.width + GAP * 3, GAP * 2)
        }).setLatLng(centre).setContent(box).openOn(map);
        var node = popup.getElement();
        node.setAttribute("role", "dialog");
        node.setAttribute("aria-label", name);
        popup.on("remove", function () {
          if (ctx.current.seat === i && popup && popup.getElement() === node) {
            var back = opener && node.contains(document.activeElement) ? opener : null;
            popup = null; opener = null;
            selected(-1);
            if (back) back.focus();
          }
        });
      }
      if (from) box.querySelector("h3").focus({ preventScroll: true });
    };

    ctx.closeResult = function (giveFocusBack) {
      // Close the open result; with giveFocusBack, focus returns to its opener.
      var back = giveFocusBack ? opener : null;
      opener = null;
      if (popup) { var p = popup; popup = null; map.closePopup(p); }
      sheet.hidden = true;
      selected(-1);
      if (back) back.focus();
      return back;
    };

    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || (!popup && sheet.hidden)) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      ctx.closeResult(true);
    });

    // --- print: the map, its title, legend and attribution on one page --------
    var screenFit = null;
    function toPaper(printing) {
      if (printing === container.classList.contains("lm-paper")) return;
      container.classList.toggle("lm-paper", printing);
      container.style.width = printing ? PAPER.width + "px" : "";
      container.style.height = printing ? PAPER.height + "px" : "";
      if (printing) { screenFit = fitted; ctx.closeResult(false); }
      map.invalidateSize({ animate: false });
      if (printing || screenFit) ctx.fit();
    }
    PRINT.addEventListener("change", function (e) { toPaper(e.matches); });
    window.addEventListener("beforeprint", function () { toPaper(true); });
    window.addEventListener("afterprint", function () { toPaper(false); });

    place();
  }

  function afterPaint(fn) {
    // Run fn once the page has painted its first picture: when the browser is
    // next idle, and at the latest a second after.
    requestAnimationFrame(function () {
      if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 1000 });
      else setTimeout(fn, 0);
    });
  }

  return { control: control, panel: panel, arrange: arrange, afterPaint: afterPaint, narrow: NARROW };
})();
