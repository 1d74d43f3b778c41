// Forms marked data-once send once: the button is disabled after the first submit, so a double
// click does not send twice (the server refuses a second send within minutes as well).
(function () {
  "use strict";
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        if (button.dataset.sending) { button.textContent = button.dataset.sending; }
      });
    });
  });
})();
