// Arena's form helpers (no inline scripts: the Content-Security-Policy allows only 'self').
// 1. After a refused save, focus moves to the error summary so screen readers and keyboard users start there.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  });
})();
