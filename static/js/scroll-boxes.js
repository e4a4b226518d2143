// A wide table's scroll box (macros.html scroll_box) is a tab stop so that keyboard users can scroll it
// with the arrow keys. Where the table fits the window there is nothing to scroll, and the stop would
// only be one more press of Tab: it is taken away then, and given back when the window narrows.
// Without JavaScript every box stays a tab stop.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length) { return; }

  function update() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else if (box !== document.activeElement) {
        box.removeAttribute("tabindex");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
})();
