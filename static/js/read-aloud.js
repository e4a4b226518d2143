// Read-aloud for children who read slowly and for seniors: the browser's own Dutch voice.
// Without speech synthesis (or JavaScript) the page works as it is; no button appears.
(function () {
  "use strict";
  if (!("speechSynthesis" in window)) { return; }
  var main = document.getElementById("main");
  var slot = document.getElementById("read-aloud-slot");
  if (!main || !slot) { return; }
  var lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "tool-button read-aloud";
  button.setAttribute("aria-pressed", "false");
  button.textContent = slot.dataset.label;
  slot.appendChild(button);

  function readableText() {
    var clone = main.cloneNode(true);
    clone.querySelectorAll("script, select, .visually-hidden, [aria-hidden=true]").forEach(function (el) { el.remove(); });
    return clone.innerText.replace(/\s+/g, " ").trim();
  }
  function stop() {
    window.speechSynthesis.cancel();
    button.setAttribute("aria-pressed", "false");
    button.textContent = slot.dataset.label;
  }
  button.addEventListener("click", function () {
    if (window.speechSynthesis.speaking) { stop(); return; }
    var utterance = new SpeechSynthesisUtterance(readableText());
    utterance.lang = lang;
    utterance.rate = 0.9;
    utterance.onend = stop;
    button.setAttribute("aria-pressed", "true");
    button.textContent = slot.dataset.stop;
    window.speechSynthesis.speak(utterance);
  });
}());
