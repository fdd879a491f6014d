// "Use my position" on the finding form: fills latitude/longitude from the phone's GPS.
// Progressive: without geolocation the button stays hidden and the fields are typed.
(function () {
  var script = document.currentScript;
  var button = document.getElementById("use-position");
  if (!button || !("geolocation" in navigator)) return;
  var status = document.getElementById("position-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = script.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        var fmt = function (v) { return v.toFixed(5).replace(".", ","); };
        document.getElementById("id_latitude").value = fmt(pos.coords.latitude);
        document.getElementById("id_longitude").value = fmt(pos.coords.longitude);
        status.textContent = script.dataset.found;
      },
      function () { status.textContent = script.dataset.failed; },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });
})();
