// Turns each rich-text textarea of the back office into a Quill editor. Without JavaScript the textarea itself
// stays, with the HTML in it, so nothing depends on this script. The server sanitises whatever arrives.
(function () {
  "use strict";
  if (typeof window.Quill !== "function") return;

  var labels = {
    bold: "Vet", italic: "Cursief", link: "Link", clean: "Opmaak wissen",
    "list-ordered": "Genummerde lijst", "list-bullet": "Opsomming"
  };

  document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
    var host = document.createElement("div");
    host.className = "backoffice-rich-text";
    textarea.insertAdjacentElement("afterend", host);
    var quill = new window.Quill(host, {
      theme: "snow",
      modules: {
        toolbar: [[{ header: [2, 3, false] }], ["bold", "italic", "link"], [{ list: "ordered" }, { list: "bullet" }], ["clean"]]
      }
    });
    quill.clipboard.dangerouslyPasteHTML(textarea.value, "silent");
    textarea.hidden = true;

    // Screen readers must know what the editing area is and what each button does.
    var label = document.querySelector("label[for='" + textarea.id + "']");
    var editor = host.querySelector(".ql-editor");
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || textarea.id + "-label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    if (textarea.getAttribute("aria-describedby")) editor.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    var toolbar = host.previousElementSibling;
    if (toolbar && toolbar.classList.contains("ql-toolbar")) {
      toolbar.setAttribute("role", "toolbar");
      toolbar.setAttribute("aria-label", "Opmaak" + (label ? " van " + label.textContent.replace("*", "").trim() : ""));
      toolbar.querySelectorAll("button").forEach(function (button) {
        var format = Array.prototype.find.call(button.classList, function (c) { return c.indexOf("ql-") === 0; }) || "";
        var key = format.replace("ql-", "") + (button.value ? "-" + button.value : "");
        button.setAttribute("aria-label", labels[key] || labels[format.replace("ql-", "")] || format);
      });
      toolbar.querySelectorAll(".ql-picker-label").forEach(function (picker) {
        picker.setAttribute("aria-label", "Kopniveau");
      });
    }

    textarea.form.addEventListener("submit", function () {
      textarea.value = quill.getText().trim().length === 0 ? "" : quill.getSemanticHTML();
    });
  });
})();
