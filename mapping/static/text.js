/* london-maps: text helpers shared by the page's scripts.
 * Every value from the data is written with textContent, never as HTML. */
var lmText = (function () {
  "use strict";
  // Numbers are written without Intl: its first use costs some 20 ms of
  // start-up at load, for the seats' names. The rules are Python's, which the
  // tables and images use: half to even on the exact binary value, and
  // thousands grouped with commas.
  function fixed(n, digits) {
    // n with exactly `digits` decimals, rounded as Python's format(n, ".Nf").
    var text = Math.abs(n).toFixed(digits), exact = Math.abs(n).toFixed(100);
    var cut = exact.indexOf(".") + (digits ? digits + 1 : 0);
    if (/^\.?50*$/.test(exact.slice(cut))) {  // a tie: toFixed went up, Python to even
      var down = exact.slice(0, cut);
      if ((+down.charAt(down.length - 1)) % 2 === 0) text = down;
    }
    return (n < 0 || Object.is(n, -0) ? "-" : "") + text;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function count(n) {
    if (n === null || n === undefined) return "n/a";
    return fixed(n, 0).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function percent(n, style) {
    // The rule of mapping.style.format_percent: one decimal, or enough
    // significant digits that a tiny value never reads as zero.
    if (n === null || n === undefined) return "n/a";
    var digits = style.percent_decimals;
    if (n !== 0 && Math.abs(n) < Math.pow(10, -digits)) {
      digits = style.small_percent_digits - 1 - Math.floor(Math.log10(Math.abs(n)));
    }
    return fixed(n, digits).replace("-", "\u2212") + "%";
  }

  function points(n, style) {
    // A change in points, signed: "+9.5 pts", "\u22123.3 pts", "0.0 pts".
    if (n === null || n === undefined) return "n/a";
    var text = percent(n, style).replace("%", " pts");
    return n > 0 ? "+" + text : text;
  }

  function fold(text) {
    // The rule of mapping.text.normalise_name: accents, case, "&", punctuation
    // and spaces do not matter. A browser test holds the two to the same keys.
    return String(text).normalize("NFKD").replace(/\p{Mn}/gu, "")
      .toLowerCase().replace(/\u00df/g, "ss")
      .replace(/\s*&\s*/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function csvCell(value) {
    // As pandas writes CSV (minimal quoting, "\n" line ends).
    var text = String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  return {
    el: el, count: count, percent: percent, points: points, fixed: fixed, fold: fold,
    csvCell: csvCell
  };
})();
