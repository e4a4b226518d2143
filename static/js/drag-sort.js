// Drag and drop for "sort" and "order" steps, with mouse and touch (pointer events).
// The plain selects stay the real answer and stay usable by keyboard; dragging only fills them in.
(function () {
  "use strict";

  function dragItems(list, onDrop) {
    list.querySelectorAll("li").forEach(function (item) {
      item.classList.add("draggable");
      item.addEventListener("pointerdown", function (event) {
        if (event.target.closest("select, option")) { return; }
        event.preventDefault();
        item.classList.add("dragging");
        function move(e) {
          item.style.setProperty("--drag-y", (e.clientY - event.clientY) + "px");
          item.style.setProperty("--drag-x", (e.clientX - event.clientX) + "px");
        }
        function up(e) {
          document.removeEventListener("pointermove", move);
          document.removeEventListener("pointerup", up);
          item.classList.remove("dragging");
          item.style.removeProperty("--drag-y");
          item.style.removeProperty("--drag-x");
          item.hidden = true;
          var target = document.elementFromPoint(e.clientX, e.clientY);
          item.hidden = false;
          onDrop(item, target);
        }
        document.addEventListener("pointermove", move);
        document.addEventListener("pointerup", up);
      });
    });
  }

  // Order: drop an item on another to put it there; the selects follow the visible order.
  document.querySelectorAll(".order-items").forEach(function (list) {
    function renumber() {
      list.querySelectorAll("li").forEach(function (li, index) { li.querySelector("select").value = String(index + 1); });
    }
    dragItems(list, function (item, target) {
      var over = target && target.closest(".order-items li");
      if (!over || over === item) { return; }
      var items = Array.prototype.slice.call(list.children);
      if (items.indexOf(over) > items.indexOf(item)) { over.after(item); } else { over.before(item); }
      renumber();
    });
    list.addEventListener("change", function () {  // keyboard: choosing numbers also reorders
      var items = Array.prototype.slice.call(list.children);
      if (items.every(function (li) { return li.querySelector("select").value; })) {
        items.sort(function (a, b) { return a.querySelector("select").value - b.querySelector("select").value; })
          .forEach(function (li) { list.appendChild(li); });
      }
    });
  });

  // Sort: one drop zone per category; dropping an item there chooses that category.
  document.querySelectorAll(".sort-items").forEach(function (list) {
    var firstSelect = list.querySelector("select");
    if (!firstSelect) { return; }
    var zones = document.createElement("div");
    zones.className = "sort-zones";
    Array.prototype.slice.call(firstSelect.options, 1).forEach(function (option) {
      var zone = document.createElement("div");
      zone.className = "sort-zone";
      zone.dataset.value = option.value;
      zone.innerHTML = "<p class=\"sort-zone-title\"></p><ul class=\"sort-zone-items\"></ul>";
      zone.querySelector(".sort-zone-title").textContent = option.textContent;
      zones.appendChild(zone);
    });
    list.after(zones);
    dragItems(list, function (item, target) {
      var zone = target && target.closest(".sort-zone");
      if (!zone) { return; }
      item.querySelector("select").value = zone.dataset.value;
      zone.querySelector("ul").appendChild(item);  // still inside the form: its select is sent
    });
  });
}());
