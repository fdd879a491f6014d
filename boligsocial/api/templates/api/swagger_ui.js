{% include "drf_spectacular/swagger_ui.js" %}
/* /api/docs/: Swagger UI's page structure made whole for assistive technology. Swagger renders
   its header (title, description) outside its <main>, and its operation groups as <h3> right
   after the <h1> (and the schemas' <h4> after those). As it renders (and re-renders), the header becomes the page's banner landmark
   and the groups level-2 headings. */
(function () {
  function fix() {
    var info = document.querySelector("#swagger-ui .information-container");
    if (info && !info.hasAttribute("role")) {
      info.setAttribute("role", "banner");
    }
    document.querySelectorAll("#swagger-ui h3.opblock-tag:not([aria-level])").forEach(function (h) {
      h.setAttribute("aria-level", "2");
    });
    document.querySelectorAll("#swagger-ui h4:not([aria-level])").forEach(function (h) {
      h.setAttribute("aria-level", "3");
    });
  }
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
