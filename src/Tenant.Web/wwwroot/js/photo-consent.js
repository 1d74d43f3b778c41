// The consent panel of the compose form lists children without photo consent for every group the
// writer may post to; with script it shows only the groups that are ticked (all for the whole school).
// Without script every group stays listed.
(function () {
  "use strict";
  var panel = document.querySelector("[data-follow-groups]");
  if (!panel) { return; }
  var groups = document.querySelectorAll("input[data-group]");
  var schoolWide = document.querySelector("input[data-school-wide]");
  var none = panel.querySelector("[data-consent-none]");
  function update() {
    var all = schoolWide && schoolWide.checked;
    var chosen = {};
    groups.forEach(function (g) { if (g.checked) { chosen[g.value] = true; } });
    var shown = 0;
    panel.querySelectorAll("[data-consent-group]").forEach(function (item) {
      var visible = all || chosen[item.getAttribute("data-consent-group")] === true;
      item.hidden = !visible;
      if (visible) { shown++; }
    });
    if (none) { none.hidden = shown > 0; }
  }
  groups.forEach(function (g) { g.addEventListener("change", update); });
  if (schoolWide) { schoolWide.addEventListener("change", update); }
  update();
})();
