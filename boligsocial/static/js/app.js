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
