/* london-maps: the panel's choices. Election (where the page holds several),
 * view and layer are radio groups; the swing layers are one choice with
 * From and To parties, the changes in vote share one with a party. Every
 * choice is announced, and the choices follow a state set from elsewhere
 * (the address, the back button). Returns the panel's row of actions. */
function lmControls(ctx, panel) {
  "use strict";
  var el = lmText.el, data = ctx.data, body = panel.body;
  var GROUPS = { swing: "Swing", change: "Change in vote share" };
  var layers = data.elections[0].layers;  // every election offers the same layers

  function radios(title, name, options, onPick) {
    var set = el("fieldset"), inputs = {};
    set.appendChild(el("legend", title));
    options.forEach(function (opt) {
      var label = el("label"), input = el("input");
      input.type = "radio"; input.name = name; input.value = opt.value;
      input.addEventListener("change", function () { if (input.checked) onPick(opt.value); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + opt.label));
      set.appendChild(label);
      inputs[opt.value] = input;
      if (opt.extra) set.appendChild(opt.extra);
    });
    body.appendChild(set);
    return { set: set, inputs: inputs };
  }

  function select(id, title, options, onPick) {
    // A labelled select: its name is the label alone, not the option chosen.
    var label = el("label", title), box = el("select"), row = el("span", null, "lm-select");
    box.id = id; label.htmlFor = id;
    options.forEach(function (opt) { box.appendChild(el("option", opt[1])).value = opt[0]; });
    box.addEventListener("change", function () { onPick(box.value); });
    row.appendChild(label); row.appendChild(box);
    return { label: row, box: box };
  }

  // --- elections --------------------------------------------------------------------
  var years = null;
  if (data.elections.length > 1) {
    years = radios("Election", "lm-election", data.elections.map(function (E) {
      return { value: String(E.year), label: String(E.year) };
    }), function (year) {
      ctx.show({ year: Number(year) });
      ctx.announce("Election: " + ctx.election().title + ". " + ctx.legendWords());
    });
    years.set.className = "lm-years";
  }

  // --- views --------------------------------------------------------------------
  var hasHex = Object.keys(data.sets).some(function (id) { return data.sets[id].shapes.hex; });
  var views = null;
  if (hasHex) {
    var VIEWS = { geo: "Map", hex: "Hexes (one per seat)" };
    views = radios("View", "lm-view", [
      { value: "geo", label: VIEWS.geo }, { value: "hex", label: VIEWS.hex }
    ], function (view) {
      ctx.show({ view: view });
      ctx.announce("View: " + VIEWS[ctx.current.view] + ". " + ctx.legendWords());
    });
  }

  // --- layers: one choice per layer, or per group of layers -----------------------
  var choices = [], groups = {};
  layers.forEach(function (layer) {
    var group = GROUPS[layer.group] ? layer.group : "";
    if (!group) { choices.push({ value: layer.id, label: layer.title }); return; }
    if (!groups[group]) {
      groups[group] = { members: [], box: el("div", null, "lm-group") };
      choices.push({ value: "group:" + group, label: GROUPS[group], extra: groups[group].box });
    }
    groups[group].members.push(layer);
  });

  function pairOf(layer) { return layer.pair || [null, layer.column.replace(/^change_/, "")]; }

  var swing = groups.swing, change = groups.change;
  function pickLayer(id) {
    ctx.show({ layer: id });
    ctx.announce("Layer: " + ctx.legendWords());
  }
  if (swing) {
    var froms = [];
    swing.members.forEach(function (l) { if (froms.indexOf(l.pair[0]) < 0) froms.push(l.pair[0]); });
    var named = function (code) { return [code, ctx.party(code).name]; };
    swing.from = select("lm-swing-from", "From", froms.map(named), function () { fillTo(); pickLayer(swingLayer().id); });
    swing.to = select("lm-swing-to", "To", [], function () { pickLayer(swingLayer().id); });
    var fillTo = function (chosen) {
      var from = swing.from.box.value, keep = chosen || swing.to.box.value;
      swing.to.box.textContent = "";
      swing.members.forEach(function (l) {
        if (l.pair[0] === from) swing.to.box.appendChild(el("option", ctx.party(l.pair[1]).name)).value = l.pair[1];
      });
      if ([].some.call(swing.to.box.options, function (o) { return o.value === keep; })) swing.to.box.value = keep;
    };
    var swingLayer = function () {
      return swing.members.filter(function (l) {
        return l.pair[0] === swing.from.box.value && l.pair[1] === swing.to.box.value;
      })[0] || swing.members[0];
    };
    var start = swing.members.filter(function (l) { return l.pair[0] === "Con" && l.pair[1] === "Lab"; })[0] || swing.members[0];
    swing.from.box.value = start.pair[0];
    fillTo(start.pair[1]);
    swing.box.appendChild(swing.from.label);
    swing.box.appendChild(swing.to.label);
    swing.layer = swingLayer;
    ctx.swingPair = function () { return swingLayer().pair; };
  }
  if (change) {
    change.party = select("lm-change-party", "Party", change.members.map(function (l) {
      return [l.id, ctx.party(pairOf(l)[1]).name];
    }), pickLayer);
    change.box.appendChild(change.party.label);
    change.layer = function () { return change.party.box.value; };
  }
  var chooser = radios("Layer", "lm-layer", choices, function (value) {
    if (value === "group:swing") pickLayer(swing.layer().id);
    else if (value === "group:change") pickLayer(change.layer());
    else pickLayer(value);
  });

  function sync() {
    // The radios and selects show the state, however it was reached.
    var layer = ctx.layer(), group = GROUPS[layer.group] ? layer.group : "";
    if (years) years.inputs[String(ctx.current.year)].checked = true;
    if (views) views.inputs[ctx.current.view].checked = true;
    chooser.inputs[group ? "group:" + group : layer.id].checked = true;
    if (group === "swing") { swing.from.box.value = layer.pair[0]; fillTo(layer.pair[1]); }
    if (group === "change") change.party.box.value = layer.id;
    Object.keys(groups).forEach(function (g) { groups[g].box.hidden = g !== group; });
    if (views) {
      var hex = !!ctx.set().shapes.hex;
      views.inputs.hex.disabled = !hex;
    }
  }
  ctx.on("layer", sync);
  sync();

  var actions = el("div", null, "lm-actions");
  body.appendChild(actions);
  var about = el("details", null, "lm-about"), text = el("p", null);
  about.appendChild(el("summary", "About this map"));
  about.appendChild(text);
  body.appendChild(about);
  function describe() { text.textContent = ctx.election().description; }
  ctx.on("election", describe);
  describe();
  return actions;
}
