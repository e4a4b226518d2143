// Level Maker: show the step being typed as players will see it, a moment after the child stops typing.
// Without JavaScript the preview shows the saved step; nothing here saves anything.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  if (!form || !window.fetch) { return; }
  var target = document.getElementById(form.getAttribute("data-preview-target"));
  var timer = null;
  function refresh() {
    fetch(form.getAttribute("data-preview-url"), {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { target.innerHTML = html; } })
      .catch(function () { /* the saved preview stays */ });
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  refresh();
}());
