// A small rich-text editor for posts: a toolbar (bold, italic, list, link) over a contenteditable
// area that writes its HTML back into the textarea on submit. Without JavaScript the textarea
// stays and plain text is turned into paragraphs on the server. The server sanitises either way.
(function () {
  "use strict";
  var allowed = /^(P|BR|STRONG|B|EM|I|U|S|UL|OL|LI|A|H2|H3|BLOCKQUOTE)$/;
  var dropped = /^(SCRIPT|STYLE|IFRAME|OBJECT|EMBED|NOSCRIPT|TEMPLATE|SVG|MATH|TEXTAREA|SELECT|TITLE)$/;
  function copySafe(from, to) {
    from.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        to.appendChild(document.createTextNode(node.nodeValue));
      } else if (node.nodeType === 1 && !dropped.test(node.nodeName)) {
        var target = to;
        if (allowed.test(node.nodeName)) {
          target = document.createElement(node.nodeName.toLowerCase());
          var href = node.nodeName === "A" ? node.getAttribute("href") : null;
          if (href && /^(https?:\/\/|mailto:)/i.test(href)) { target.setAttribute("href", href); }
          to.appendChild(target);
        }
        copySafe(node, target);
      }
    });
  }
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
      value.split(/\n\s*\n/).forEach(function (text) {
        var p = document.createElement("p");
        text.split("\n").forEach(function (line, i) {
          if (i > 0) { p.appendChild(document.createElement("br")); }
          p.appendChild(document.createTextNode(line));
        });
        area.appendChild(p);
      });
    } else if (value) {
      // The textarea may hold what the writer typed (shown again after a validation message):
      // parse it in an inert document and copy only the allowed tags and links, never raw HTML.
      copySafe(new DOMParser().parseFromString(value, "text/html").body, area);
    }
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
