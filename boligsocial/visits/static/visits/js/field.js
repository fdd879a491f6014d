/* Service visits on a phone, with or without a connection (decision 0031). No dependencies.
 *
 * - registers the service worker (data-sw, scope data-scope), which serves the cached pages
 *   when the network is gone; on the lease list, every lease page (and the page's CSS and
 *   JavaScript) is put in the cache while online, so each opens offline;
 * - on a lease page, saving the visit puts the recording in a queue in IndexedDB (with a
 *   client id made here) and goes back to the list; the queue is sent to data-sync whenever
 *   the browser is online (on load, on the "online" event, after each recording);
 * - the server answers per recording: saved or duplicate (removed from the queue), conflict
 *   (removed, shown: the lease was recorded by someone else; nothing was overwritten), error
 *   (kept in the queue, shown with the server's Danish message);
 * - a recording's photos (Blobs in the same queue item) are sent after it, one at a time, to
 *   data-photo-url; the item leaves the queue once they are all sent;
 * - the queue holds the logged-in user's items only (another user's stay, unsent); their
 *   number is noted in localStorage so that logging out warns first (static/js/app.js). */
(function () {
  "use strict";
  var app = document.getElementById("visit-app");
  if (!app) return;
  var CACHE = "bs-visits-v1";
  var MAX_PHOTO = 10 * 1024 * 1024;
  var DB = "bs-visits", STORE = "queue";
  var syncUrl = app.getAttribute("data-sync");
  var photoUrl = app.getAttribute("data-photo-url");
  var user = app.getAttribute("data-user");
  /* The number of this user's unsent recordings, for the warning before logging out
   * (static/js/app.js reads every "bs-unsynced:" key). */
  var NOTE = "bs-unsynced:visits:" + user;
  var campaign = app.getAttribute("data-campaign");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var statusEl = document.getElementById("visit-connection");
  var syncing = false;
  /* Registered first: the pages are put in the cache once the worker is active (or failed). */
  var worker = "serviceWorker" in navigator
    ? navigator.serviceWorker.register(app.getAttribute("data-sw"), { scope: app.getAttribute("data-scope") })
        .then(function () { return navigator.serviceWorker.ready; }).catch(function () { return null; })
    : Promise.resolve(null);

  /* --- IndexedDB, the few calls needed ---------------------------------------------- */
  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "client_id" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode), store = t.objectStore(STORE), out;
        work(store, function (v) { out = v; });
        t.oncomplete = function () { d.close(); resolve(out); };
        t.onerror = function () { d.close(); reject(t.error); };
      });
    });
  }
  function mine() {
    return tx("readonly", function (store, done) {
      var r = store.getAll();
      r.onsuccess = function () { done(r.result.filter(function (i) { return i.user === undefined || String(i.user) === user; })); };
    });
  }
  function queued() {
    return mine().then(function (items) { return items.filter(function (i) { return String(i.campaign) === campaign; }); });
  }
  function note() {
    return mine().then(function (items) {
      try { if (items.length) localStorage.setItem(NOTE, String(items.length)); else localStorage.removeItem(NOTE); } catch (e) { /* private mode */ }
    });
  }
  function put(item) { return tx("readwrite", function (store) { store.put(item); }); }
  function remove(ids) { return tx("readwrite", function (store) { ids.forEach(function (id) { store.delete(id); }); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* --- status -------------------------------------------------------------------------- */
  function show(kind, extra) {
    if (!statusEl) return;
    var text = statusEl.getAttribute("data-" + (navigator.onLine ? "online" : "offline")) || "";
    if (kind && statusEl.getAttribute("data-" + kind)) text = statusEl.getAttribute("data-" + kind);
    statusEl.textContent = text + (extra ? " " + extra : "");
    statusEl.setAttribute("data-state", navigator.onLine ? "online" : "offline");
  }
  function problems(list) {
    var box = document.getElementById("visit-problems"), ul = document.getElementById("visit-problem-list");
    if (!box || !ul) return;
    ul.textContent = "";
    list.forEach(function (p) { var li = document.createElement("li"); li.textContent = p; ul.appendChild(li); });
    box.hidden = !list.length;
  }
  function markQueued(items) {
    var label = app.getAttribute("data-queued-label") || "I kø – ikke sendt";
    items.forEach(function (i) {
      var li = app.querySelector('li[data-visit="' + i.visit + '"] .visit-state');
      if (li) { li.textContent = i.error ? i.error : label; li.setAttribute("data-state", "queued"); }
    });
    if (statusEl && items.length) show(null, "(" + items.length + " " + (statusEl.getAttribute("data-queued") || "") + ")");
  }

  /* --- sending the queue ----------------------------------------------------------------- */
  /* A recording's photos, after the server took the recording, one at a time (each keyed on
   * its own client id). Returns the items with photos still to send (no connection). */
  function sendPhotos(list, shown) {
    var left = [];
    return list.reduce(function (chain, item) {
      return chain.then(function () {
        return item.photos.reduce(function (c, p) {
          return c.then(function (remaining) {
            var data = new FormData();
            data.append("client_id", p.client_id);
            data.append("recording", item.client_id);
            data.append("question", p.key);
            data.append("photo", p.file, "foto");
            return fetch(photoUrl.replace("/0/", "/" + item.visit + "/"), {
              method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf }, body: data
            }).then(function (r) {
              return r.json().then(function (d) {
                if (!r.ok) shown.push(item.label + ": " + (d.message || "Fotoet blev ikke gemt."));
                return remaining;
              });
            }).catch(function () { remaining.push(p); return remaining; });
          });
        }, Promise.resolve([])).then(function (remaining) {
          if (remaining.length) { item.photos = remaining; left.push(item); }
        });
      });
    }, Promise.resolve()).then(function () { return left; });
  }

  function sync() {
    if (syncing || !navigator.onLine) return Promise.resolve(false);
    syncing = true;
    return queued().then(function (items) {
      if (!items.length) { syncing = false; return false; }
      var body = items.map(function (i) {
        return { client_id: i.client_id, visit: i.visit, base: i.base || null, outcome: i.outcome,
                 answers: i.answers, kits: i.kits, revisit_on: i.revisit_on || null, recorded_at: i.recorded_at };
      });
      return fetch(syncUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ items: body })
      }).then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
        .then(function (res) {
          if (!res.ok || !res.data.results) { syncing = false; problems([res.data.error || "Fejl"]); return false; }
          var done = [], shown = [], keep = [], withPhotos = [];
          res.data.results.forEach(function (r, n) {
            var item = items[n];
            if (r.status === "saved" || r.status === "duplicate" || r.status === "conflict") {
              if (r.status === "conflict") shown.push(item.label + ": " + r.message);
              if (item.photos && item.photos.length) withPhotos.push(item); else done.push(item.client_id);
            } else { item.error = r.message; keep.push(item); shown.push(item.label + ": " + r.message); }
          });
          return sendPhotos(withPhotos, shown).then(function (left) {
            withPhotos.forEach(function (i) { if (left.indexOf(i) < 0) done.push(i.client_id); else keep.push(i); });
            problems(shown);
            syncing = false;
            return Promise.all(keep.map(put)).then(function () { return remove(done); })
              .then(note).then(function () { return done.length > 0; });
          });
        });
    }).catch(function () { syncing = false; return false; });
  }

  /* The pages are fetched one after the other, after the service worker is active: each page
   * read is logged and renews the session on the server, so a burst of parallel requests for
   * every lease (up to a few hundred) would compete for the same session row. */
  function refreshCache() {
    if (!navigator.onLine || !window.caches) return Promise.resolve();
    var urls = [location.pathname];
    Array.prototype.forEach.call(app.querySelectorAll("a[data-cache]"), function (a) { urls.push(a.getAttribute("href")); });
    Array.prototype.forEach.call(document.querySelectorAll('link[rel="stylesheet"], script[src]'), function (el) {
      urls.push(el.getAttribute("href") || el.getAttribute("src"));
    });
    return worker.then(function () { return caches.open(CACHE); }).then(function (cache) {
      return urls.reduce(function (chain, u) {
        return chain.then(function () {
          return fetch(u, { credentials: "same-origin" }).then(function (r) {
            if (r.ok && !r.redirected) return cache.put(u, r);
          }).catch(function () {});
        });
      }, Promise.resolve());
    }).then(function () { app.setAttribute("data-cached", "true"); show("ready"); });
  }

  /* --- the lease list ---------------------------------------------------------------------- */
  function fieldPage() {
    function after(sent) {
      if (sent) { location.reload(); return; }
      return queued().then(function (items) {
        markQueued(items);
        if (!items.length) return refreshCache();
      });
    }
    show();
    note();
    queued().then(markQueued).then(function () { return worker; }).then(sync).then(after);
    window.addEventListener("online", function () { show(); sync().then(after); });
    window.addEventListener("offline", function () { show(); });
  }

  /* --- one lease ------------------------------------------------------------------------- */
  function visitPage() {
    var form = document.getElementById("visit-form");
    show();
    window.addEventListener("online", function () { show(); sync(); });
    window.addEventListener("offline", function () { show(); });
    if (!form) return;
    function outcome() { var c = form.querySelector('input[name="outcome"]:checked'); return c ? c.value : ""; }
    function toggle() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-when]"), function (el) {
        el.hidden = el.getAttribute("data-when") !== outcome();
      });
    }
    toggle();
    form.addEventListener("change", toggle);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var err = document.getElementById("visit-error");
      if (!outcome()) {
        document.getElementById("visit-error-text").textContent = "Vælg, hvordan besøget gik.";
        err.hidden = false; err.scrollIntoView(); return;
      }
      var answers = {};
      if (outcome() === "visited") {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || el.name.indexOf("q:") !== 0) return;
          var key = el.name.slice(2);
          if (el.type === "radio") { if (el.checked) answers[key] = el.value; }
          else if (el.type === "checkbox") { answers[key] = answers[key] || []; if (el.checked) answers[key].push(el.value); }
          else if (el.value.trim()) answers[key] = el.value;
        });
      }
      var photos = [], tooLarge = "";
      if (outcome() === "visited") {
        Array.prototype.forEach.call(form.querySelectorAll("input[data-photo]"), function (input) {
          Array.prototype.forEach.call(input.files || [], function (f) {
            if (f.size > MAX_PHOTO) tooLarge = f.name;
            photos.push({ client_id: uuid(), key: input.getAttribute("data-photo"), file: f });
          });
        });
      }
      if (tooLarge) {
        document.getElementById("visit-error-text").textContent = "Fotoet " + tooLarge + " er for stort (højst 10 MB).";
        err.hidden = false; err.scrollIntoView(); return;
      }
      var item = {
        client_id: uuid(), campaign: campaign, user: user, photos: photos, visit: Number(form.getAttribute("data-visit")),
        base: form.getAttribute("data-base") || null, outcome: outcome(), answers: answers,
        kits: outcome() === "visited" ? Number(form.elements.kits.value || 0) : 0,
        revisit_on: outcome() === "no_access" ? form.elements.revisit_on.value : "",
        recorded_at: new Date().toISOString(), label: document.querySelector("h1").textContent
      };
      put(item).then(note).then(sync).then(function () {
        location.href = app.getAttribute("data-field-url");
      });
    });
  }

  if (app.getAttribute("data-page") === "field") fieldPage(); else visitPage();
})();
