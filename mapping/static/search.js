/* london-maps: find a seat by its name, its MP or a candidate (a combobox).
 * Names are folded by the rule of mapping.text.normalise_name; "the" and "and"
 * and the order of words do not matter, and every word may be cut short. */
function lmSearch(ctx, box) {
  "use strict";
  var el = lmText.el, fold = lmText.fold, keysOf = {};
  var MAX_HITS = 8, IGNORED = { the: true, and: true };

  function words(text) {
    return fold(text).split(" ").filter(function (w) { return w && !IGNORED[w]; });
  }

  function keys() {
    // Keys of every seat of the election shown: its name, its winner, its
    // other candidates. Made when first searched.
    var E = ctx.election();
    if (keysOf[E.year]) return keysOf[E.year];
    keysOf[E.year] = ctx.set().names.map(function (name, i) {
      var people = E.votes[i].map(function (v) { return v[2]; }).filter(Boolean);
      var winner = ctx.value("winner_name", i);
      return {
        raw: name.trim().toLowerCase(),
        name: words(name), joined: words(name).join(" "),
        winner: winner ? words(winner) : [],
        people: people.map(words)
      };
    });
    return keysOf[E.year];
  }

  function covers(have, want) {
    // Every wanted word starts a different word of `have`, in any order.
    var free = have.slice();
    return want.every(function (w) {
      for (var k = 0; k < free.length; k++) {
        if (free[k].indexOf(w) === 0) { free.splice(k, 1); return true; }
      }
      return false;
    });
  }

  function score(key, want, text, raw) {
    if (key.raw === raw) return 110;
    if (!want.length) return 0;
    if (key.joined === text) return 100;
    if (covers(key.name, want)) return 90 - key.name.length + (key.joined.indexOf(text) === 0 ? 5 : 0);
    if (covers(key.winner, want)) return 60;
    if (key.people.some(function (p) { return covers(p, want); })) return 40;
    if (text.length > 2 && key.joined.indexOf(text) >= 0) return 20;
    return 0;
  }

  ctx.findSeats = function (query) {
    // Seats that match, best first (then in the seats' order: by name).
    // A name that folds to nothing (all punctuation) is still found as typed.
    var want = words(query), text = want.join(" "), raw = query.trim().toLowerCase();
    if (!raw) return [];
    return keys().map(function (key, i) { return { i: i, score: score(key, want, text, raw) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.i - b.i; })
      .map(function (hit) { return hit.i; });
  };

  var label = el("label", "Find a seat, MP or candidate", "lm-sr");
  var input = el("input"), list = el("ul", null, "lm-hits"), miss = el("div", null, "lm-miss");
  input.type = "text"; input.id = "lm-find"; label.htmlFor = "lm-find";
  input.placeholder = "Find a seat or MP";
  input.autocomplete = "off";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", "lm-hits");
  list.id = "lm-hits";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Matching seats");
  list.hidden = true;
  miss.setAttribute("aria-hidden", "true");  // said through the live region
  box.appendChild(label); box.appendChild(input); box.appendChild(list); box.appendChild(miss);

  var hits = [], current = -1;

  function option(i, k) {
    var li = el("li", ctx.set().names[i]), winner = ctx.value("winner_name", i);
    li.id = "lm-hit-" + k;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var who = winner ? winner + " (" + ctx.party(ctx.value("winner", i)).name + ")" : "";
    if (who) li.appendChild(el("span", who, "lm-hit-who"));
    li.addEventListener("mousedown", function (e) { e.preventDefault(); });
    li.addEventListener("click", function () { pick(i); });
    return li;
  }

  function highlight(k) {
    current = k;
    Array.prototype.forEach.call(list.children, function (li, n) {
      li.setAttribute("aria-selected", String(n === k));
    });
    if (k >= 0) {
      input.setAttribute("aria-activedescendant", list.children[k].id);
      list.children[k].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    highlight(-1);
  }

  function update() {
    var query = input.value.trim();
    hits = ctx.findSeats(query).slice(0, MAX_HITS);
    list.textContent = "";
    hits.forEach(function (i, k) { list.appendChild(option(i, k)); });
    current = -1;
    miss.textContent = query && !hits.length ? "No seat matches \u201c" + query + "\u201d" : "";
    list.hidden = !hits.length;
    input.setAttribute("aria-expanded", String(hits.length > 0));
    highlight(-1);
    if (!query) return;
    ctx.announce(hits.length ? hits.length + (hits.length === 1 ? " seat matches" : " seats match") +
      "; the first is " + ctx.set().names[hits[0]] + ". Arrow down to choose, Enter to show." : miss.textContent);
  }

  function pick(i) {
    close();
    input.value = ctx.set().names[i];
    miss.textContent = "";
    ctx.fitSeat(i);
    ctx.openResult(i, input);
    ctx.announce(ctx.seatName(i));
  }

  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) update();
      if (!hits.length) return;
      var next = current + (e.key === "ArrowDown" ? 1 : -1);
      highlight(next >= hits.length ? 0 : next < 0 ? hits.length - 1 : next);
      e.preventDefault();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (list.hidden && input.value.trim()) update();
      if (hits.length) pick(hits[current >= 0 ? current : 0]);
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); e.stopPropagation(); close(); }
    }
  });
  // Choosing with the mouse keeps the focus here (mousedown is held back), so
  // focus that leaves the box closes the list at once.
  input.addEventListener("blur", close);
}
