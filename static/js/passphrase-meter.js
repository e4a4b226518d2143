// Live passphrase feedback, judged by the server (zxcvbn) while the child types, debounced.
// Nothing is stored; without JavaScript the "Check" button gives the same judgement.
(function () {
  "use strict";
  var input = document.getElementById("password");
  var meter = document.getElementById("passphrase-meter");
  if (!input || !meter || !window.fetch) { return; }
  var token = input.form.querySelector("input[name=csrf_token]").value;
  var timer = null;
  var latest = 0;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var asked = ++latest;
      if (!input.value) { meter.hidden = true; return; }
      fetch(input.dataset.meterUrl, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": token},
        body: JSON.stringify({password: input.value}),
        credentials: "same-origin"
      }).then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result || asked !== latest) { return; }
          meter.hidden = false;
          meter.textContent = result.message;
          meter.className = result.enough ? "meter meter-enough" : "meter";
        }).catch(function () { meter.hidden = true; });
    }, 400);
  });
}());
