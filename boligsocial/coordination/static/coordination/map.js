/* The coordination map (issue 17): vendored Leaflet, Denmark's vendored outline, an optional
   tile server (data-tiles, set by the operator), points for departments/areas coloured by their
   light, areas as their approximate outline (the convex hull of their departments) with a
   point at the middle, and layers for efforts, gaps and what other apps register. No inline script or style
   attribute in the markup (CSP); Leaflet positions elements through the CSSOM, which CSP allows. */
(function () {
  "use strict";
  function pin(cls, title) {
    return L.divIcon({ className: "coord-pin " + cls, iconSize: [16, 16], html: "", title: title });
  }
  function start() {
    var el = document.getElementById("coord-map");
    if (!el || typeof L === "undefined") { return; }
    var map = L.map(el, { keyboard: true, attributionControl: true, zoomSnap: 0.25 });
    map.setView([56.2, 10.5], 6.5);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 18 }).addTo(map);
    }
    var overlays = {};
    var control = L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    fetch(el.dataset.outline, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (outline) {
      var layer = L.geoJSON(outline, { interactive: false, style: { className: "coord-outline", weight: 1 } }).addTo(map);
      layer.bringToBack();
      control.addOverlay(layer, el.dataset.labelOutline);
    });
    fetch(el.dataset.geojson, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var bounds = L.latLngBounds([]);
      data.layers.forEach(function (layer) {
        var group = L.featureGroup();
        layer.features.forEach(function (f) {
          var p = f.properties, c = p.centre || f.geometry.coordinates, cls, title;
          if (f.geometry.type === "Polygon") {
            group.addLayer(L.geoJSON(f, { interactive: false, style: { className: "coord-area-outline", weight: 2 } }));
          }
          if (p.kind === "department") { cls = "coord-pin-" + (p.light || "none"); title = p.name + " (" + p.organisation + ")" + (p.light ? " – " + el.dataset.labelLight + ": " + p.light : ""); }
          else if (p.kind === "area") { cls = "coord-pin-area"; title = p.name + (p.approximate ? " (" + el.dataset.labelApproximate + ")" : ""); }
          else if (p.kind === "gap") { cls = "coord-pin-gap"; title = p.name + ": " + p.text; }
          else if (p.kind === "effort") { cls = "coord-pin-effort"; title = p.name + (p.text ? ": " + p.text : ""); }
          else { cls = "coord-pin-extra coord-pin-" + layer.key; title = p.name + (p.text ? ": " + p.text : ""); }
          var m = L.marker([c[1], c[0]], { icon: pin(cls, title), title: title, keyboard: true, riseOnHover: true });
          m.bindPopup(document.createTextNode(title));
          group.addLayer(m);
          bounds.extend([c[1], c[0]]);
        });
        group.addTo(map);
        control.addOverlay(group, layer.label);
      });
      if (bounds.isValid()) { map.fitBounds(bounds.pad(0.3), { maxZoom: 13 }); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
