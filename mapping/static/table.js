/* london-maps: the seats as a table (sortable by any column) and as the CSV
 * of `london-maps table`, made in the page from its data: no request. */
function lmTable(ctx, actions) {
  "use strict";
  var el = lmText.el, data = ctx.data, seats = data.seats;

  ctx.csv = function () {
    // The rows of `london-maps table`: its columns, in its order, formatted as
    // it formats them (its percentage columns with two decimals, gain true or
    // false).
    var columns = data.table.columns, percent = data.table.percent;
    var lines = [columns.join(",")];
    seats.forEach(function (seat, i) {
      lines.push(columns.map(function (column) {
        var v = ctx.tableValue(column, i);
        if (column === "gain") return v ? "true" : "false";
        if (v === null || v === undefined) return "";
        if (percent.indexOf(column) >= 0) return v.toFixed(2);
        return lmText.csvCell(v);
      }).join(","));
    });
    return lines.join("\n") + "\n";
  };

  function columns() {
    var layer = ctx.current.layer;
    var cols = [
      { title: "Seat", text: function (s) { return s.name; } },
      { title: "Winner", text: function (s) { return s.winner ? ctx.party(s.winner).name : "No result"; } },
      { title: "Result", text: function (s) { return s.result || ""; } },
      { title: "Elected", text: function (s) { return s.winner_name || ""; } },
      { title: "Majority", value: function (s) { return s.majority; }, text: function (s) { return ctx.count(s.majority); } },
      { title: "Majority %", value: function (s) { return s.majority_pct; }, text: function (s) { return ctx.pct(s.majority_pct); } },
      { title: "Turnout", value: function (s) { return s.turnout_pct; }, text: function (s) { return ctx.pct(s.turnout_pct); } },
      { title: "Remain 2016 (estimate)", value: function (s) { return s.remain_pct; }, text: function (s) { return ctx.pct(s.remain_pct); } }
    ];
    if (["winner", "gains", "majority", "turnout", "remain"].indexOf(layer.id) < 0) {
      cols.push({
        title: layer.title,
        value: function (s, i) { return layer.classes[i] < 0 ? null : layer.classes[i] * 1e6 + i; },
        text: function (s, i) { return ctx.layerValue(i, layer); }
      });
    }
    return cols;
  }

  var dialog = el("dialog", null, "lm-dialog"), heading = el("h2", null);
  heading.id = "lm-table-title";
  dialog.setAttribute("aria-labelledby", heading.id);
  var bar = el("div", null, "lm-dialog-bar");
  var download = el("button", "Download CSV"), close = el("button", "Close");
  download.type = close.type = "button";
  bar.appendChild(heading); bar.appendChild(download); bar.appendChild(close);
  var scroller = el("div", null, "lm-table-scroll");
  dialog.appendChild(bar); dialog.appendChild(scroller);
  (document.querySelector("main") || document.body).appendChild(dialog);

  var sort = { column: 0, ascending: true }, opener = null;

  function compare(cols) {
    var col = cols[sort.column], sign = sort.ascending ? 1 : -1;
    return function (a, b) {
      if (col.value) {
        var x = col.value(seats[a], a), y = col.value(seats[b], b);
        if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1;
        if (y === null || y === undefined) return -1;
        return sign * (x - y) || a - b;
      }
      return sign * col.text(seats[a], a).localeCompare(col.text(seats[b], b), "en-GB") || a - b;
    };
  }

  function draw() {
    var cols = columns(), layer = ctx.current.layer;
    if (sort.column >= cols.length) sort = { column: 0, ascending: true };
    heading.textContent = "Seats: " + data.title;
    scroller.textContent = "";
    var table = el("table", null, "lm-table"), head = el("tr"), body = el("tbody");
    var thead = el("thead");
    table.appendChild(el("caption", data.title + ", " + layer.title + ". Sorted by " +
      cols[sort.column].title + ", " + (sort.ascending ? "ascending" : "descending") +
      "; the column buttons sort the table."));
    cols.forEach(function (col, k) {
      var th = el("th"), button = el("button", col.title);
      th.scope = "col";
      button.type = "button";
      if (k === sort.column) th.setAttribute("aria-sort", sort.ascending ? "ascending" : "descending");
      button.addEventListener("click", function () {
        sort = { column: k, ascending: k === sort.column ? !sort.ascending : true };
        draw();
        scroller.querySelectorAll("thead button")[k].focus();
        ctx.announce("Sorted by " + col.title + ", " + (sort.ascending ? "ascending" : "descending") + ".");
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    thead.appendChild(head);
    table.appendChild(thead);
    seats.map(function (s, i) { return i; }).sort(compare(cols)).forEach(function (i) {
      var tr = el("tr");
      cols.forEach(function (col, k) {
        var cell = el(k === 0 ? "th" : "td", col.text(seats[i], i), col.value ? "lm-num" : null);
        if (k === 0) cell.scope = "row";
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroller.appendChild(table);
  }

  var show = el("button", "Table of seats");
  show.type = "button";
  show.addEventListener("click", function () {
    opener = show;
    draw();
    dialog.showModal();
    close.focus();
  });
  actions.appendChild(show);
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  download.addEventListener("click", function () {
    var link = el("a"), url = URL.createObjectURL(new Blob([ctx.csv()], { type: "text/csv" }));
    link.href = url;
    link.download = data.csv_file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    ctx.announce("Downloaded " + data.csv_file + ".");
  });
}
