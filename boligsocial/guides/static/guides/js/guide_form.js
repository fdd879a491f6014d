/* Autosave of a guide form (the interview, later the visit checklist).
 *
 * Every change is first written to a draft in localStorage (key data-draft-key), then posted
 * to data-autosave-url as field=<name>&value=<value>. A field leaves the draft only when the
 * server has answered 200 with the same value. On page load, a draft left from a closed tab or
 * a dropped connection is put back into the form and posted again; so is everything pending
 * when the browser comes back online. Skip logic: a question with data-show-if-key is shown
 * when that field has one of data-show-if-values. No dependencies. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var url = form.getAttribute("data-autosave-url");
  var key = form.getAttribute("data-draft-key");
  var statusEl = document.getElementById("autosave-status");
  var csrf = (form.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var timers = {};

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function store(draft) {
    try { window.localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* full */ }
  }
  function status(kind) {
    if (!statusEl) return;
    statusEl.textContent = statusEl.getAttribute("data-" + kind) || "";
    statusEl.setAttribute("data-state", kind);
  }
  function fields(name) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
  }
  function valueOf(name) {
    var els = fields(name);
    if (!els.length) return null;
    if (els[0].type === "radio") {
      var c = els.filter(function (e) { return e.checked; })[0];
      return c ? c.value : "";
    }
    if (els[0].type === "checkbox") {
      return els.filter(function (e) { return e.checked; }).map(function (e) { return e.value; });
    }
    return els[0].value;
  }
  function setValue(name, value) {
    fields(name).forEach(function (el) {
      if (el.type === "radio") el.checked = el.value === value;
      else if (el.type === "checkbox") el.checked = value.indexOf(el.value) !== -1;
      else el.value = value;
    });
  }
  function showError(name, message) {
    var el = form.querySelector('[data-error-for="' + name + '"]');
    if (!el) return;
    el.textContent = message || "";
    el.hidden = !message;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function pending() { return Object.keys(load()).length; }

  // One request at a time, in the order the answers were given: two saves of one field never
  // overtake each other, and the server never sees two writes of one interview at once.
  var queue = Promise.resolve();

  function send(name, value) {
    queue = queue.then(function () { return post(name, value); });
    return queue;
  }

  function post(name, value) {
    var body = new URLSearchParams();
    body.append("field", name);
    if (Array.isArray(value)) {
      if (!value.length) body.append("value", "");
      value.forEach(function (v) { body.append("value", v); });
    } else {
      body.append("value", value);
    }
    status("saving");
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.ok) {
        var draft = load();
        if (draft[name] && same(draft[name], value)) { delete draft[name]; store(draft); }
        showError(name, "");
        status(pending() ? "saving" : "saved");
      } else if (response.status === 400) {
        return response.json().then(function (data) {
          var draft = load(); delete draft[name]; store(draft);
          showError(name, data.error);
          status("error");
        });
      } else {
        status("offline");
      }
    }).catch(function () { status("offline"); });
  }

  function skips() {
    form.querySelectorAll("[data-show-if-key]").forEach(function (q) {
      var v = valueOf(q.getAttribute("data-show-if-key"));
      var wanted = q.getAttribute("data-show-if-values").split(" ");
      var chosen = Array.isArray(v) ? v : [v];
      q.hidden = !chosen.some(function (x) { return wanted.indexOf(x) !== -1; });
    });
  }

  function changed(name, delay) {
    var value = valueOf(name);
    var draft = load();
    draft[name] = value;
    store(draft);
    status("pending");
    skips();
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { send(name, value); }, delay);
  }

  form.addEventListener("input", function (e) {
    if (!e.target.hasAttribute("data-autosave")) return;
    var typing = e.target.tagName === "TEXTAREA" || e.target.type === "text";
    changed(e.target.name, typing ? 700 : 0);
  });
  form.addEventListener("change", function (e) {
    if (e.target.hasAttribute("data-autosave")) changed(e.target.name, 0);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function resend() {
    var draft = load();
    Object.keys(draft).forEach(function (name) { send(name, draft[name]); });
  }
  window.addEventListener("online", resend);

  var draft = load();
  var names = Object.keys(draft);
  names.forEach(function (name) { setValue(name, draft[name]); });
  skips();
  if (names.length) {
    var restored = document.getElementById("autosave-restored");
    if (restored) restored.hidden = false;
    resend();
  }
})();
