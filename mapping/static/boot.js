// Unpacks the page. Its styles, scripts and data travel gzip-compressed, in
// base64, in elements the browser never runs (<script type=
// "application/octet-stream" data-as="...">, written by html.py). The browser
// decompresses each itself; then, in the order they stand, a "style" goes into
// the head as a <style>, a "script" runs as a <script> and "json" becomes the
// page's data island, each set as textContent, never as markup. The last
// script is the one that draws the map.
(function () {
  "use strict";
  var packs = [].slice.call(document.querySelectorAll("script[data-as]"));

  function say(text) {
    var note = document.createElement("p");
    note.textContent = text;
    (document.querySelector("main") || document.body).appendChild(note);
  }

  function bytes(base64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
    var raw = atob(base64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  function unpack(pack) {  // (a Response's body streams faster than a Blob's)
    var gzip = new Response(bytes(pack.textContent)).body;
    return new Response(gzip.pipeThrough(new DecompressionStream("gzip"))).text();
  }

  function place(pack, text) {
    var as = pack.getAttribute("data-as");
    var node = document.createElement(as === "style" ? "style" : "script");
    if (as === "json") {
      node.type = "application/json";
      node.id = pack.getAttribute("data-id");
    }
    node.textContent = text;
    if (as === "style") {
      document.head.appendChild(node);
      pack.remove();
    } else {
      pack.replaceWith(node);  // a script runs as it joins the page
    }
  }

  if (typeof DecompressionStream === "undefined") {
    say("This map needs a newer browser: Chrome or Edge 80, Firefox 113, " +
      "Safari 16.4 or later.");
    return;
  }
  Promise.all(packs.map(unpack)).then(function (texts) {
    texts.forEach(function (text, k) { place(packs[k], text); });
  }).catch(function (error) {
    say("The map could not be unpacked (" + error + ").");
    throw error;
  });
})();
