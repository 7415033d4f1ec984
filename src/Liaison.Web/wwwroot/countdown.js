// Live countdowns (holds, duties to tell ICE). The server renders the remaining time and its own clock (data-now); the page
// counts from the server's clock, not the workstation's, so a wrong PC clock cannot shorten or stretch a hold.
(function () {
  "use strict";
  var root = document.querySelector("[data-now]");
  var offset = root ? Date.parse(root.getAttribute("data-now")) - Date.now() : 0;
  function format(ms, expired) {
    if (ms <= 0) return expired || "Deadline passed: release now";
    var total = Math.floor(ms / 1000);
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h + " h " + pad(m) + " min " + pad(s) + " s left";
  }
  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var left = el.querySelector(".left") || el;
      left.textContent = format(Date.parse(el.getAttribute("data-deadline")) - now, el.getAttribute("data-expired"));
    });
  }
  if (document.querySelector("[data-deadline]")) {
    tick();
    setInterval(tick, 1000);
  }
})();
