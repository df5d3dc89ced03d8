/* london-maps: a seat's history across the elections of its boundary set.
 * lmHistory(ctx, i) returns the panel that the seat's result shows: who won
 * each election (a strip of cells), the majority and the main parties' shares
 * as lines in one small SVG, the same figures as a table, and, for a seat of
 * new boundaries, the seats it was formed from.
 * Every value from the data is written with textContent, never as HTML. */
var lmHistory = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  // The rules of mapping.history (PAGE_RULES, in the page's style): a party
  // is drawn where it took at least main_share_pct of the vote at one election
  // of the seat's history; overlaps under sliver_pct of a seat's area are left out.
  var el = lmText.el;
  var OTHER = "Other";  // the lumped row of minor candidates: not a party
  var INK = "#1a1a1a", MUTED = "#555555", GRID = "#d0d0d0", BAND = "#ebebeb";
  // The drawing, in SVG units (the SVG scales to the panel's width).
  var WIDTH = 320, LEFT = 34, RIGHT = 62, STRIP_TOP = 14, STRIP_HEIGHT = 20;
  var PLOT_TOP = 48, PLOT_BOTTOM = 150, HEIGHT = 166, LABEL_GAP = 12, MAX_CELL = 80;

  function shape(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function cell(e, column, i) {
    // A seat's value at election e: a column empty everywhere travels as null.
    var values = e.seats[column];
    return values ? values[i] : null;
  }

  function results(ctx, setId, i) {
    // The seat at each election of its set, oldest first, with the vote
    // share (%) of each party (independents added up).
    return ctx.data.elections.filter(function (e) { return e.set === setId; })
      .map(function (e) {
        var shares = {};
        (e.votes[i] || []).forEach(function (row) {
          if (row[0] !== OTHER) shares[row[0]] = (shares[row[0]] || 0) + row[3];
        });
        return {
          year: e.year, winner: cell(e, "winner", i), majority: cell(e, "majority", i),
          majority_pct: cell(e, "majority_pct", i), shares: shares
        };
      });
  }

  function mainParties(rows, least) {
    // Parties with at least `least` % somewhere, by their best share.
    var best = {};
    rows.forEach(function (r) {
      Object.keys(r.shares).forEach(function (p) { best[p] = Math.max(best[p] || 0, r.shares[p]); });
    });
    return Object.keys(best).filter(function (p) { return best[p] >= least; })
      .sort(function (a, b) { return best[b] - best[a]; });
  }

  function strip(ctx, svg, rows, column, current) {
    // One cell per election in the winner's colour, its year above and the
    // party's short name on a white plate: it reads without colour.
    rows.forEach(function (r, k) {
      var x = column(k), half = columnWidth(rows) / 2 - 2;
      var cell = shape("g", { "class": "lm-history-cell" });
      cell.appendChild(shape("text", {
        x: x, y: STRIP_TOP - 3, "text-anchor": "middle", "font-size": 10,
        "font-weight": r.year === current ? 700 : 400, fill: INK
      }, r.year));
      var party = r.winner ? ctx.party(r.winner) : null;
      cell.appendChild(shape("rect", {
        x: x - half, y: STRIP_TOP, width: 2 * half, height: STRIP_HEIGHT,
        fill: party ? party.colour : ctx.data.style.no_data,
        stroke: r.year === current ? INK : "#ffffff", "stroke-width": r.year === current ? 2 : 1
      }));
      var name = r.winner || "n/a", plate = Math.max(18, 6.2 * name.length + 6);
      cell.appendChild(shape("rect", {
        x: x - plate / 2, y: STRIP_TOP + 4, width: plate, height: STRIP_HEIGHT - 8,
        rx: 2, fill: "#ffffff"
      }));
      cell.appendChild(shape("text", {
        x: x, y: STRIP_TOP + STRIP_HEIGHT - 6.5, "text-anchor": "middle",
        "font-size": 9.5, fill: INK
      }, name));
      svg.appendChild(cell);
    });
  }

  function columnWidth(rows) { return Math.min(MAX_CELL, (WIDTH - LEFT - RIGHT) / rows.length); }

  function axis(svg, top) {
    // Gridlines and labels of the percentage scale, 0 to `top`.
    var step = top > 40 ? 20 : 10, y = scale(top);
    for (var v = 0; v <= top; v += step) {
      svg.appendChild(shape("line", {
        x1: LEFT, x2: WIDTH - RIGHT, y1: y(v), y2: y(v), stroke: GRID, "stroke-width": 1
      }));
      svg.appendChild(shape("text", {
        x: LEFT - 4, y: y(v) + 3.5, "text-anchor": "end", "font-size": 10, fill: MUTED
      }, v + "%"));
    }
  }

  function scale(top) {
    return function (v) { return PLOT_BOTTOM - (v / top) * (PLOT_BOTTOM - PLOT_TOP); };
  }

  function series(svg, points, style, label) {
    // A line through the points (a gap where a figure is missing), a marker
    // at each and its name at its end: lines tell apart without colour.
    var run = [];
    function flush() {
      if (run.length > 1) {
        var d = run.map(function (p, k) { return (k ? "L" : "M") + p[0] + " " + p[1]; }).join(" ");
        svg.appendChild(shape("path", { d: d, fill: "none", stroke: "#ffffff", "stroke-width": style.width + 2.5 }));
        svg.appendChild(shape("path", {
          d: d, fill: "none", stroke: style.colour, "stroke-width": style.width,
          "stroke-dasharray": style.dash || "none", "class": style.className + "-line"
        }));
      }
      run = [];
    }
    points.forEach(function (p) { if (p) run.push(p); else flush(); });
    flush();
    points.forEach(function (p) {
      if (!p) return;
      var marker = style.square
        ? shape("rect", { x: p[0] - 3, y: p[1] - 3, width: 6, height: 6 })
        : shape("circle", { cx: p[0], cy: p[1], r: 3 });
      marker.setAttribute("fill", style.colour);
      marker.setAttribute("stroke", INK);
      marker.setAttribute("stroke-width", "0.75");
      marker.setAttribute("class", style.className);
      svg.appendChild(marker);
    });
    var last = points.filter(Boolean).pop();
    return last ? { y: last[1], x: last[0], text: label, className: style.className } : null;
  }

  function endLabels(svg, labels) {
    // Names at the lines' ends, moved apart so that none overlaps another:
    // down from the top, then up from the bottom of the plot.
    labels.sort(function (a, b) { return a.y - b.y; });
    var k, n = labels.length;
    for (k = 1; k < n; k++) labels[k].y = Math.max(labels[k].y, labels[k - 1].y + LABEL_GAP);
    if (n) labels[n - 1].y = Math.min(labels[n - 1].y, PLOT_BOTTOM + 4);
    for (k = n - 2; k >= 0; k--) labels[k].y = Math.min(labels[k].y, labels[k + 1].y - LABEL_GAP);
    labels.forEach(function (l) {
      svg.appendChild(shape("text", {
        x: WIDTH - RIGHT + 8, y: l.y + 3.5, "font-size": 10, fill: INK,
        "class": l.className + "-label"
      }, l.text));
    });
  }

  function chart(ctx, rows, parties, current) {
    var svg = shape("svg", {
      viewBox: "0 0 " + WIDTH + " " + HEIGHT, width: "100%", role: "img",
      "class": "lm-history-chart", "font-family": "system-ui, sans-serif"
    });
    svg.setAttribute("aria-label", "Winner at each election: " + rows.map(function (r) {
      return r.year + " " + (r.winner ? ctx.party(r.winner).name : "no result");
    }).join(", ") + (rows.length > 1 ? ". Majority and vote shares: in the table below." : "."));
    var width = columnWidth(rows);
    function column(k) { return LEFT + (k + 0.5) * width; }
    rows.forEach(function (r, k) {
      if (r.year === current) {
        svg.appendChild(shape("rect", {
          x: column(k) - width / 2, y: 0, width: width, height: HEIGHT, fill: BAND,
          "class": "lm-history-current"
        }));
      }
    });
    strip(ctx, svg, rows, column, current);
    if (rows.length < 2) {
      svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + (STRIP_TOP + STRIP_HEIGHT + 2));
      return svg;
    }
    var values = [];
    rows.forEach(function (r) {
      values.push(r.majority_pct || 0);
      parties.forEach(function (p) { values.push(r.shares[p] || 0); });
    });
    var top = Math.max(10, Math.ceil(Math.max.apply(null, values) / 10) * 10), y = scale(top);
    axis(svg, top);
    rows.forEach(function (r, k) {
      svg.appendChild(shape("text", {
        x: column(k), y: HEIGHT - 3, "text-anchor": "middle", "font-size": 10,
        "font-weight": r.year === current ? 700 : 400, fill: MUTED
      }, r.year));
    });
    var labels = parties.map(function (p) {
      return series(svg, rows.map(function (r, k) {
        return [column(k), y(r.shares[p] || 0)];
      }), { colour: ctx.party(p).colour, width: 2, className: "lm-history-share" }, p);
    });
    labels.push(series(svg, rows.map(function (r, k) {
      return r.majority_pct === null || r.majority_pct === undefined ? null : [column(k), y(r.majority_pct)];
    }), { colour: INK, width: 1.5, dash: "4 3", square: true, className: "lm-history-majority" }, "Majority"));
    endLabels(svg, labels.filter(Boolean));
    return svg;
  }

  function table(ctx, rows, parties, current) {
    // The chart's figures as text: a table in a disclosure.
    var details = el("details", null, "lm-history-table");
    details.appendChild(el("summary", "Results by year"));
    var tab = el("table"), head = el("tr");
    ["Year", "Winner", "Majority", "Majority %"].concat(parties.map(function (p) { return p + " %"; }))
      .forEach(function (h, k) {
        var th = el("th", h, k > 1 ? "lm-num" : null);
        th.scope = "col";
        head.appendChild(th);
      });
    tab.appendChild(head);
    rows.forEach(function (r) {
      var tr = el("tr"), year = el("th", r.year);
      year.scope = "row";
      tr.appendChild(year);
      tr.appendChild(el("td", r.winner ? ctx.party(r.winner).name : "No result"));
      tr.appendChild(el("td", ctx.count(r.majority), "lm-num"));
      tr.appendChild(el("td", ctx.pct(r.majority_pct), "lm-num"));
      parties.forEach(function (p) { tr.appendChild(el("td", ctx.pct(r.shares[p] || 0), "lm-num")); });
      if (r.year === current) { tr.setAttribute("aria-current", "true"); tr.className = "lm-current"; }
      tab.appendChild(tr);
    });
    var scroll = el("div", null, "lm-history-scroll");
    scroll.appendChild(tab);
    details.appendChild(scroll);
    return details;
  }

  function lastWinner(ctx, code) {
    // A predecessor's winner at the last election of its set in the data.
    var found = null;
    Object.keys(ctx.data.sets).forEach(function (id) {
      var k = ctx.data.sets[id].codes.indexOf(code);
      if (k < 0) return;
      ctx.data.elections.forEach(function (e) {
        if (e.set === id && cell(e, "winner", k) && (!found || e.year > found.year)) {
          found = { year: e.year, winner: cell(e, "winner", k) };
        }
      });
    });
    return found;
  }

  function formedFrom(ctx, set, setId, i) {
    var box = el("div", null, "lm-history-from"), sources = set.predecessors[i] || [];
    box.appendChild(el("p", "Formed from (share of this seat's area):"));
    var list = el("ul"), before = null;
    sources.forEach(function (s) {
      var item = el("li"), was = lastWinner(ctx, s[0]);
      var words = s[1] + " " + ctx.pct(s[2]);
      if (was) {
        var dot = el("span", null, "lm-dot");
        dot.style.background = ctx.party(was.winner).colour;
        item.appendChild(dot);
        words += " \u00b7 " + ctx.party(was.winner).name + " in " + was.year;
        before = before === null ? was.year : Math.max(before, was.year);
      }
      item.appendChild(document.createTextNode(words));
      list.appendChild(item);
    });
    box.appendChild(sources.length ? list : el("p", "No earlier seat covers this seat's area."));
    var first = ctx.data.elections.filter(function (e) { return e.set === setId; })[0];
    var notional = first ? cell(first, "previous_winner", i) : null;
    if (notional) {
      box.appendChild(el("p", "Notional " + (before === null ? "previous" : before) +
        " winner (official): " + ctx.party(notional).name));
    }
    box.appendChild(el("p", "Shares of area from the official boundaries; overlaps under " +
      ctx.data.style.sliver_pct + "% are left out.", "lm-note"));
    return box;
  }

  return function lmHistory(ctx, i) {
    var setId = ctx.election().set, set = ctx.set(), current = ctx.election().year;
    var rows = results(ctx, setId, i), parties = rows.length > 1 ? mainParties(rows, ctx.data.style.main_share_pct) : [];
    var box = el("section", null, "lm-history");
    var first = rows[0].year, last = rows[rows.length - 1].year;
    box.appendChild(el("h4", first === last ? "Result on these boundaries, " + first :
      "Results on these boundaries, " + first + "\u2013" + last));
    if (rows.length > 1) box.appendChild(el("p", "Vote share and majority, % of valid votes", "lm-note"));
    box.appendChild(chart(ctx, rows, parties, current));
    if (rows.length > 1) box.appendChild(table(ctx, rows, parties, current));
    if (set.predecessors) box.appendChild(formedFrom(ctx, set, setId, i));
    return box;
  };
})();
