// Buttons marked data-copy copy the value of the field with that id. Without script the field
// stays a read-only text box to select and copy by hand; the button shows only when copying can work.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (!field) { return; }
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = button.dataset.copied; }
      }, function () {
        field.focus();
        if (status) { status.textContent = button.dataset.failed; }
      });
    });
  });
})();
