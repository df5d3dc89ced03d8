/* london-maps: what a seat says, made when it is shown (never for every seat
 * at load): its tooltip, its full result and its accessible name.
 * Every value from the data is written with textContent, never as HTML. */
function lmWords(ctx) {
  "use strict";
  var el = lmText.el;
  // A file of winners only, or of shares, lacks some figures: say so.
  var ABSENT = "not in this file";

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function majority(i, ofValid) {
    var votes = ctx.value("majority", i), pct = ctx.value("majority_pct", i);
    var of = ofValid ? " of valid votes" : "";
    if (votes === null && pct === null) return "majority " + ABSENT;
    if (votes === null) return "majority " + ctx.pct(pct) + of + " (votes " + ABSENT + ")";
    if (pct === null) return "majority " + ctx.count(votes) + " (% " + ABSENT + ")";
    return "majority " + ctx.count(votes) + " (" + ctx.pct(pct) + of + ")";
  }

  function notComparable() {
    // Why a change cannot be given: a new boundary set has no previous result.
    var E = ctx.election(), swings = E.table.values.swing_con_to_lab;
    return swings !== null && swings !== undefined ? "not comparable" :
      "not comparable (new boundaries in " + E.year + "; no previous result on them)";
  }

  ctx.tooltip = function (i) {
    var box = el("div"), winner = ctx.value("winner", i);
    box.appendChild(el("strong", ctx.set().names[i]));
    if (!ctx.value("result", i)) { box.appendChild(el("div", "No result")); return box; }
    box.appendChild(el("div", ctx.party(winner).name + " \u00b7 " + ctx.value("result", i)));
    box.appendChild(el("div", capital(majority(i, false))));
    return box;
  };

  function votesTable(i) {
    var E = ctx.election(), rows = E.votes[i];
    var changes = rows.some(function (row) { return ctx.value("change_" + row[0], i) !== null; });
    var table = el("table"), head = el("tr");
    ["Party", "Candidate", "Votes", "Share"].concat(changes ? ["Change (pts)"] : []).forEach(function (h) {
      var th = el("th", h); th.scope = "col"; head.appendChild(th);
    });
    table.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr"), name = el("td"), dot = el("span", null, "lm-dot");
      dot.style.background = ctx.party(row[0]).colour;
      name.appendChild(dot);
      name.appendChild(document.createTextNode(ctx.party(row[0]).name));
      tr.appendChild(name);
      tr.appendChild(el("td", row[2] || ""));
      tr.appendChild(el("td", ctx.count(row[1]), "lm-num"));
      tr.appendChild(el("td", ctx.pct(row[3]), "lm-num"));
      if (changes) {
        var change = ctx.value("change_" + row[0], i);
        tr.appendChild(el("td", change === null ? "n/a" : ctx.points(change).replace(" pts", ""), "lm-num"));
      }
      table.appendChild(tr);
    });
    return { table: table, changes: changes };
  }

  function sinceLastTime(box, i) {
    // The previous result and what changed: each "not comparable" where absent.
    var previous = ctx.value("previous_winner", i), E = ctx.election();
    var comparable = ctx.value("swing_con_to_lab", i) !== null;
    box.appendChild(el("p", previous === null ? "Previous winner: " + ABSENT :
      (comparable ? "Previous winner: " : "Notional previous winner on these boundaries: ") +
      ctx.party(previous).name));
    // A figure this election's data does not carry at all is left out.
    var has = function (column) { return column in E.seats; };
    var votes = ctx.value("previous_majority", i), pct = ctx.value("previous_majority_pct", i);
    if (has("previous_majority") || has("previous_majority_pct")) {
      var parts = (votes === null ? [] : [ctx.count(votes)]).concat(pct === null ? [] : ["(" + ctx.pct(pct) + ")"]);
      box.appendChild(el("p", parts.length ? "Previous majority " + parts.join(" ") :
        "Previous majority: " + notComparable()));
    }
    var before = ctx.value("previous_lead", i), now = ctx.value("majority_pct", i);
    var change = ctx.value("lead_change", i);
    if (has("lead_change")) {
      box.appendChild(el("p", before === null || now === null || change === null ?
        "Change in the winner's lead: " + notComparable() :
        "Change in the winner's lead: lead " + ctx.points(before).replace(" pts", "") +
        " \u2192 " + ctx.points(now) + " (" + ctx.points(change) + ")"));
    }
    var pair = ctx.swingPair(), column = "swing_" + pair[0].toLowerCase() + "_to_" + pair[1].toLowerCase();
    var swing = ctx.value(column, i);
    box.appendChild(el("p", "Swing " + ctx.party(pair[0]).name + " to " + ctx.party(pair[1]).name +
      ": " + (swing === null ? notComparable() : ctx.points(swing))));
    return E;
  }

  ctx.result = function (i) {
    var box = el("div", null, "lm-popup"), heading = el("h3", ctx.set().names[i]);
    var E = ctx.election(), winner = ctx.value("winner", i);
    heading.tabIndex = -1;
    box.appendChild(heading);
    if (!ctx.value("result", i)) {
      box.appendChild(el("p", "No result in the data for this seat in " + E.year + "."));
    } else {
      box.appendChild(el("p", ctx.value("result", i) + " \u00b7 " + E.year + " general election"));
      box.appendChild(el("p", "Elected: " + (ctx.value("winner_name", i) || "n/a") +
        " (" + ctx.party(winner).name + ")"));
      var votes = votesTable(i);
      box.appendChild(E.votes[i].length ? votes.table : el("p", "Votes of each party: " + ABSENT));
      if (E.votes[i].length && !votes.changes) {
        box.appendChild(el("p", "Change in each party's share: " + notComparable()));
      }
      box.appendChild(el("p", capital(majority(i, true))));
      sinceLastTime(box, i);
      var turnout = ctx.value("turnout_pct", i), valid = ctx.value("valid_votes", i);
      box.appendChild(el("p", turnout === null ? "Turnout: " + ABSENT :
        valid === null ? "Turnout " + ctx.pct(turnout) :
        "Turnout " + ctx.pct(turnout) + " (valid votes " + ctx.count(valid) +
        " of " + ctx.count(ctx.value("electorate", i)) + " electors)"));
      box.appendChild(el("p", "Remain 2016 (estimate, Hanretty): " + ctx.pct(ctx.value("remain_pct", i))));
    }
    if (typeof lmHistory === "function") box.appendChild(lmHistory(ctx, i));
    return box;
  };

  ctx.layerValue = function (i, layer) {
    // What a seat shows on a layer, in words: its value, or its legend band.
    var value = ctx.value(layer.column, i), entry = layer.classes[i];
    if (typeof value === "number") return layer.unit === " pts" ? ctx.points(value) : ctx.pct(value);
    if (layer.column.indexOf("share_") === 0 && entry >= 0) {
      var code = layer.column.slice(6);
      var row = ctx.election().votes[i].filter(function (v) { return v[0] === code; })[0];
      return row ? ctx.pct(row[3]) : ctx.pct(0);
    }
    return entry >= 0 ? layer.legend[entry][0] : layer.no_data;
  };

  ctx.seatName = function (i) {
    // "Battersea, Labour gain from Conservative, majority 2,416 (4.4%)", and
    // the value of the layer shown where it is not the result or the majority.
    var name = ctx.set().names[i], layer = ctx.layer(), winner = ctx.value("winner", i);
    if (!winner) return name + ", no result";
    var from = ctx.tableValue("gained_from", i);
    var call = ctx.party(winner).name + (ctx.tableValue("gain", i) && from
      ? " gain from " + ctx.party(from).name : " hold");
    var words = [name, call, majority(i, false)];
    if (["winner", "gains", "majority"].indexOf(layer.id) < 0) {
      words.push(layer.title + " " + ctx.layerValue(i, layer));
    }
    return words.join(", ");
  };
}
