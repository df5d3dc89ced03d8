/* london-maps: the seats as a table (sortable by any column) and as the CSV
 * of `london-maps table`, made in the page from its data: no request. */
function lmTable(ctx, actions) {
  "use strict";
  var el = lmText.el;

  function seats() {
    // The seats of the election shown, by their position in its boundary set.
    return ctx.set().codes.map(function (code, i) { return i; });
  }

  ctx.csv = function () {
    // The rows of `london-maps table`: its columns, in its order, formatted as
    // it formats them (its percentage columns with two decimals, gain true or
    // false).
    var table = ctx.election().table, columns = table.columns, percent = table.percent;
    var lines = [columns.join(",")];
    seats().forEach(function (i) {
      lines.push(columns.map(function (column) {
        var v = ctx.tableValue(column, i);
        if (column === "gain") return v ? "true" : "false";
        if (v === null || v === undefined) return "";
        if (percent.indexOf(column) >= 0) return lmText.fixed(v, 2);
        return lmText.csvCell(v);
      }).join(","));
    });
    return lines.join("\n") + "\n";
  };

  function columns() {
    var layer = ctx.layer(), v = ctx.value;
    function number(title, column, format) {
      return { title: title, value: function (i) { return v(column, i); },
        text: function (i) { return format(v(column, i)); } };
    }
    var cols = [
      { title: "Seat", text: function (i) { return ctx.set().names[i]; } },
      { title: "Winner", text: function (i) { return v("winner", i) ? ctx.party(v("winner", i)).name : "No result"; } },
      { title: "Result", text: function (i) { return v("result", i) || ""; } },
      { title: "Elected", text: function (i) { return v("winner_name", i) || ""; } },
      number("Majority", "majority", ctx.count),
      number("Majority %", "majority_pct", ctx.pct),
      number("Turnout", "turnout_pct", ctx.pct),
      number("Remain 2016 (estimate)", "remain_pct", ctx.pct)
    ];
    if (["winner", "gains", "majority", "turnout", "remain"].indexOf(layer.id) < 0) {
      cols.push({
        title: layer.title,
        value: function (i) { return layer.classes[i] < 0 ? null : layer.classes[i] * 1e6 + i; },
        text: function (i) { return ctx.layerValue(i, layer); }
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
        var x = col.value(a), y = col.value(b);
        if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1;
        if (y === null || y === undefined) return -1;
        return sign * (x - y) || a - b;
      }
      return sign * col.text(a).localeCompare(col.text(b), "en-GB") || a - b;
    };
  }

  function draw() {
    var cols = columns(), layer = ctx.layer(), title = ctx.election().title;
    if (sort.column >= cols.length) sort = { column: 0, ascending: true };
    heading.textContent = "Seats: " + title;
    scroller.textContent = "";
    var table = el("table", null, "lm-table"), head = el("tr"), body = el("tbody");
    var thead = el("thead");
    table.appendChild(el("caption", title + ", " + layer.title + ". Sorted by " +
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
    seats().sort(compare(cols)).forEach(function (i) {
      var tr = el("tr");
      cols.forEach(function (col, k) {
        var cell = el(k === 0 ? "th" : "td", col.text(i), col.value ? "lm-num" : null);
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
    var file = ctx.election().csv_file;
    link.href = url;
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    ctx.announce("Downloaded " + file + ".");
  });
}
