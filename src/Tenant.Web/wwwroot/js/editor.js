// A small rich-text editor for posts: a toolbar (bold, italic, list, link) over a contenteditable
// area that writes its HTML back into the textarea on submit. Without JavaScript the textarea
// stays and plain text is turned into paragraphs on the server. The server sanitises either way.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-rich]").forEach(function (textarea) {
    if (!document.execCommand) { return; }
    var wrapper = document.createElement("div");
    wrapper.className = "editor";
    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-controls", textarea.id + "-editor");
    var area = document.createElement("div");
    area.id = textarea.id + "-editor";
    area.className = "editor-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector("label[for='" + textarea.id + "']");
    if (label) {
      label.id = label.id || textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { area.focus(); });
    }
    var value = textarea.value.trim();
    if (value && !/<\s*[a-zA-Z\/!]/.test(value)) {
      // Plain text: show it as paragraphs.
      value = value.split(/\n\s*\n/).map(function (p) {
        var div = document.createElement("div");
        div.textContent = p;
        return "<p>" + div.innerHTML.replace(/\n/g, "<br>") + "</p>";
      }).join("");
    }
    area.innerHTML = value;
    function button(text, command, argument) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "small secondary";
      b.textContent = text;
      b.addEventListener("click", function () {
        area.focus();
        if (command === "createLink") {
          var url = window.prompt(textarea.dataset.labelLinkPrompt || "https://", "https://");
          if (!url || !/^(https?:\/\/|mailto:)/i.test(url)) { return; }
          argument = url;
        }
        document.execCommand(command, false, argument || null);
      });
      toolbar.appendChild(b);
    }
    button(textarea.dataset.labelBold || "B", "bold");
    button(textarea.dataset.labelItalic || "I", "italic");
    button(textarea.dataset.labelList || "•", "insertUnorderedList");
    button(textarea.dataset.labelLink || "Link", "createLink");
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    textarea.parentNode.insertBefore(wrapper, textarea);
    textarea.hidden = true;
    textarea.form.addEventListener("submit", function () { textarea.value = area.innerHTML; });
  });

  // Comments default on for group posts and off for school-wide ones, until the writer chooses.
  var schoolWide = document.querySelector("input[data-school-wide]");
  var comments = document.querySelector("input[data-comments]");
  if (schoolWide && comments) {
    var touched = false;
    comments.addEventListener("change", function () { touched = true; });
    schoolWide.addEventListener("change", function () { if (!touched) { comments.checked = !schoolWide.checked; } });
  }
})();
