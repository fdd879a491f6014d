/* Boligsocial: start Det Fælles Designsystem once per page; after an htmx swap set up only the
   swapped tables (DKFDS.init() must not run twice: it would duplicate the header menu). */
document.addEventListener("DOMContentLoaded", function () {
  window.DKFDS.init();
});
document.addEventListener("htmx:afterSwap", function (event) {
  event.detail.target.querySelectorAll("table[class*='responsive-headers']").forEach(function (table) {
    new window.DKFDS.ResponsiveTable(table);
  });
});
/* Elements marked data-confirm ask before a destructive action. */
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
/* A form sent back with errors: focus the error summary, so a screen reader reads it and the
   next Tab goes to its first link (pages with data-module="error-summary"). */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) {
    summary.focus();
  }
});
/* Sorting a table through htmx replaces the table, header included: put the focus back on the
   header link that was used (same column position), not on <body>. */
var sortedColumn = null;
document.addEventListener("htmx:beforeRequest", function (event) {
  var th = event.detail.elt.closest ? event.detail.elt.closest("th") : null;
  sortedColumn = th && th.parentElement ? Array.prototype.indexOf.call(th.parentElement.children, th) : null;
});
document.addEventListener("htmx:afterSettle", function (event) {
  if (sortedColumn === null) {
    return;
  }
  var row = event.detail.target.querySelector("thead tr");
  var th = row ? row.children[sortedColumn] : null;
  var link = th ? th.querySelector("a") : null;
  sortedColumn = null;
  if (link) {
    link.focus();
  }
});
/* Logging out (forms marked data-logout): the pages kept for offline use (Cache Storage "bs-…",
   e.g. the service visits' lease pages) are deleted, so that the next person on the phone
   cannot open them. Recordings not yet sent stay in the browser's queue and are sent the next
   time this user opens the page online; when there are some (localStorage "bs-unsynced:…:<user>",
   kept by the offline pages), the user is asked first (data-unsynced, "{n}" is the number). */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-logout")) return;
  var unsent = 0, suffix = ":" + form.getAttribute("data-user");
  try {
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf("bs-unsynced:") === 0 && key.slice(-suffix.length) === suffix) {
        unsent += Number(localStorage.getItem(key)) || 0;
      }
    }
  } catch (e) { /* storage blocked: nothing noted */ }
  if (unsent && !window.confirm((form.getAttribute("data-unsynced") || "{n}").replace("{n}", unsent))) {
    event.preventDefault();
    return;
  }
  if (!window.caches) return;
  event.preventDefault();
  caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("bs-") === 0; })
      .map(function (k) { return caches.delete(k); }));
  }).catch(function () {}).then(function () { form.submit(); });
});
