// The QR code on a login card points to /inloggen/kaart#TOKEN. The part after # never
// reaches the server's logs; this script copies it into the form field.
(function () {
  "use strict";
  var form = document.getElementById("qr-form");
  var token = window.location.hash.replace(/^#/, "");
  if (!form || !token) { return; }
  form.querySelector("input[name=token]").value = decodeURIComponent(token);
  history.replaceState(null, "", window.location.pathname);
}());
