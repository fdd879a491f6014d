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
