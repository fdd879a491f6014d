/* Which columns of a wide table are scrolled out of view (the scorecard at 1366 px): a region
   marked data-scroll-hint gets a text above it naming the hidden columns on each side, e.g.
   "Flere kolonner til højre: Andel i restance, Udsættelser" and a fade on the hidden edge.
   The text is referenced by the region's aria-describedby (read when the region gets focus),
   not a live region: scrolling does not chatter. Plain script, no library; works again after
   an htmx swap of the table. */
(function () {
  "use strict";

  function headers(region) {
    var cells = region.querySelectorAll("thead th");
    var sticky = region.querySelector("thead th.sticky-col, thead th:nth-child(2)");
    return { cells: Array.prototype.slice.call(cells), sticky: sticky };
  }

  function label(th) {
    var a = th.querySelector("a");
    var first = a ? a.firstChild : null;
    var text = (first ? first.textContent : th.textContent) || "";
    var lang = first && first.nodeType === 1 ? first.getAttribute("lang") : null;
    return { text: text.trim(), lang: lang };
  }

  function append(hint, prefix, labels) {
    hint.appendChild(document.createTextNode(prefix + " "));
    labels.forEach(function (l, i) {
      if (i) hint.appendChild(document.createTextNode(", "));
      if (l.lang) {  // Danish data (an indicator's name) in an English page: say so
        var span = document.createElement("span");
        span.setAttribute("lang", l.lang);
        span.textContent = l.text;
        hint.appendChild(span);
      } else {
        hint.appendChild(document.createTextNode(l.text));
      }
    });
  }

  function update(region) {
    var hint = document.getElementById(region.getAttribute("data-scroll-hint"));
    if (!hint) return;
    var box = region.getBoundingClientRect();
    var found = headers(region);
    var leftEdge = box.left + (found.sticky ? found.sticky.getBoundingClientRect().width : 0);
    var left = [], right = [];
    found.cells.forEach(function (th, i) {
      if (i < 2) return; // number and name stay (the name column is sticky)
      var r = th.getBoundingClientRect();
      if (r.right > box.right + 1) right.push(label(th));
      else if (r.left < leftEdge - 1) left.push(label(th));
    });
    hint.textContent = "";
    if (left.length) append(hint, hint.getAttribute("data-left"), left);
    if (left.length && right.length) hint.appendChild(document.createTextNode(". "));
    if (right.length) append(hint, hint.getAttribute("data-right"), right);
    hint.hidden = left.length + right.length === 0;
    region.classList.toggle("scrolled-left", left.length > 0);
    region.classList.toggle("scrolled-right", right.length > 0);
  }

  function setUp(root) {
    (root || document).querySelectorAll("[data-scroll-hint]").forEach(function (region) {
      if (region.getAttribute("data-scroll-hint-ready")) return;
      region.setAttribute("data-scroll-hint-ready", "1");
      var pending = false;
      function schedule() {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () { pending = false; update(region); });
      }
      region.addEventListener("scroll", schedule, { passive: true });
      window.addEventListener("resize", schedule);
      update(region);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:afterSwap", function (event) { setUp(event.detail.target); });
})();
