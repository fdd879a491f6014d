/* Boligsocial service worker for the service-visit pages (decision 0031). Scope: /servicebesoeg/.
 * GET requests of the controlled pages go to the network first; a good answer is kept in the
 * cache, and when the network fails the cached copy answers (the pages, the lease list, the
 * site's CSS and JavaScript). Nothing else is cached; POSTs are never touched (the pages queue
 * recordings in IndexedDB themselves). Cache: "{{ version }}". */
"use strict";
var CACHE = "bs-visits-{{ version }}";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("bs-visits-") === 0 && k !== CACHE; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function cacheable(url) {
  return url.origin === self.location.origin &&
    (/^\/servicebesoeg\/\d+\/besoeg\//.test(url.pathname) || url.pathname.indexOf("/static/") === 0);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!cacheable(url)) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && !response.redirected && response.type === "basic") {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
          if (hit) return hit;
          // Not kept: a page gets a short Danish explanation; a decorative icon the stylesheet
          // asks for only when a menu opens offline is left blank; anything else fails as it
          // would without the worker.
          if (/\.svg$/.test(url.pathname)) {
            return new Response('<svg xmlns="http://www.w3.org/2000/svg"/>',
              { headers: { "Content-Type": "image/svg+xml" } });
          }
          if (request.mode !== "navigate") return Response.error();
          return new Response("<!DOCTYPE html><meta charset=utf-8><title>Offline</title><p>Siden er ikke gemt på telefonen. Åbn kampagnens liste, mens der er forbindelse.</p>",
            { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
        });
      });
    })
  );
});
