// Live hold countdowns. The server renders the remaining time; this only keeps it ticking.
(function () {
  "use strict";
  function format(ms) {
    if (ms <= 0) return "Deadline passed — release now";
    var total = Math.floor(ms / 1000);
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h + " h " + pad(m) + " min " + pad(s) + " s";
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var left = el.querySelector(".left") || el;
      left.textContent = format(Date.parse(el.getAttribute("data-deadline")) - now);
    });
  }
  if (document.querySelector("[data-deadline]")) {
    tick();
    setInterval(tick, 1000);
  }
})();
