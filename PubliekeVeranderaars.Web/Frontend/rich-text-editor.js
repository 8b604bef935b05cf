// The back office's rich text editor: TipTap (ProseMirror), as Umbraco uses, bundled by esbuild at build time into
// wwwroot/lib/rich-text/. Each textarea[data-rich-text] becomes an editor; without JavaScript the textarea itself
// stays, with the markup in it. The server sanitises whatever arrives.
//
// What an editor did not change is never rewritten: the textarea keeps its value until the text is edited, so a
// save leaves the stored markup byte for byte as it was. Markup the editor cannot hold (tables, unknown elements)
// opens in the HTML source view instead, with a notice, so nothing is silently dropped.
import { Editor } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import Link from "@tiptap/extension-link";
import { cleanPastedHtml } from "./paste-cleaning.js";

const PICKER_URL = "/backoffice/inhoud/kiezer";
const MEDIA_PICKER_URL = "/backoffice/media/kiezer";
// Every form Umbraco has stored a page link in (as LocalLinks in Core reads them): "/{localLink:…}" (14 and later),
// without the slash (8 to 13), "locallink" (7 and 8), the braces percent-encoded.
const LOCAL_LINK = /^\/?(?:\{|%7B)localLink:(?:umb:\/\/document\/)?([0-9A-Fa-f-]{32,36})(?:\}|%7D)$/i;

/** Umbraco's images carry the media item they come from: kept, so a round trip loses nothing. */
const UmbracoImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      "data-udi": { default: null },
      width: { default: null },
      height: { default: null },
      class: { default: null },
    };
  },
});

/** Umbraco's local links say they point at a document ("type") and carry a title. */
const UmbracoLink = Link.extend({
  addAttributes() {
    return { ...this.parent?.(), type: { default: null } };
  },
});

/** What an editor may type in the link dialog, made into an address; null when it is not one. */
export function normalizeHref(typed) {
  const value = typed.trim();
  if (value === "") return null;
  if (LOCAL_LINK.test(value) || value.startsWith("#")) return value;
  if (value.startsWith("/") && !value.startsWith("//")) return value;
  if (/^[^\s@/:]+@[^\s@/:]+\.[a-z]{2,}$/i.test(value)) return "mailto:" + value;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : "https://" + value;
  try {
    const url = new URL(withScheme);
    if (!["http:", "https:", "mailto:", "tel:"].includes(url.protocol)) return null;
    if ((url.protocol === "http:" || url.protocol === "https:") && !url.hostname.includes(".")) return null;
    return withScheme;
  } catch {
    return null;
  }
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === true) node.setAttribute(name, "");
    else if (value !== false && value != null) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** Tags the editor keeps, as it writes them; anything else in stored markup would be lost by editing it. */
const KEPT = new Set(["P", "BR", "H1", "H2", "H3", "H4", "H5", "H6", "STRONG", "EM", "U", "S", "CODE", "PRE", "A", "UL", "OL", "LI",
  "BLOCKQUOTE", "HR", "IMG"]);
const SAME_AS = { B: "STRONG", I: "EM", STRIKE: "S", DEL: "S" };

/** Whether the editor can hold this markup without losing any of it: every element known, the text the same. */
function fitsTheEditor(markup, written) {
  const template = document.createElement("template");
  template.innerHTML = markup;
  for (const node of template.content.querySelectorAll("*")) {
    if (!KEPT.has(SAME_AS[node.tagName] || node.tagName)) return false;
    for (const attribute of node.attributes) {
      if (!["href", "target", "rel", "title", "type", "src", "alt", "data-udi", "width", "height", "class"].includes(attribute.name)) return false;
    }
  }
  const parse = (html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content;
  };
  // Every attribute the stored markup has must come out of the editor: it drops what it cannot hold (a class or a
  // title on a paragraph) without a word, and a save after typing would lose it.
  const attributes = (content) => {
    const counts = new Map();
    for (const node of content.querySelectorAll("*")) {
      for (const { name, value } of node.attributes) counts.set(`${name}=${value}`, (counts.get(`${name}=${value}`) || 0) + 1);
    }
    return counts;
  };
  const before = parse(markup);
  const after = parse(written);
  const kept = attributes(after);
  for (const [attribute, count] of attributes(before)) {
    if ((kept.get(attribute) || 0) < count) return false;
  }
  // White space between blocks is not text: the editor writes none, stored markup often has line breaks.
  const text = (content) => content.textContent.replace(/\s+/g, "");
  return text(before) === text(after);
}

function createToolbar(editor, label, openLinkDialog, toggleSource, openImageDialog) {
  const buttons = [
    { text: "Kop 2", title: "Kop (niveau 2)", run: (c) => c.toggleHeading({ level: 2 }), active: () => editor.isActive("heading", { level: 2 }) },
    { text: "Kop 3", title: "Kop (niveau 3)", run: (c) => c.toggleHeading({ level: 3 }), active: () => editor.isActive("heading", { level: 3 }) },
    { text: "Vet", title: "Vet (Ctrl+B)", run: (c) => c.toggleBold(), active: () => editor.isActive("bold") },
    { text: "Cursief", title: "Cursief (Ctrl+I)", run: (c) => c.toggleItalic(), active: () => editor.isActive("italic") },
    { text: "Opsomming", title: "Opsomming", run: (c) => c.toggleBulletList(), active: () => editor.isActive("bulletList") },
    { text: "Genummerd", title: "Genummerde lijst", run: (c) => c.toggleOrderedList(), active: () => editor.isActive("orderedList") },
    { text: "Citaat", title: "Citaat", run: (c) => c.toggleBlockquote(), active: () => editor.isActive("blockquote") },
  ];
  const bar = element("div", { role: "toolbar", "aria-label": "Opmaak van " + label, class: "backoffice-rich-text__toolbar" });
  const states = [];
  for (const b of buttons) {
    const button = element("button", { type: "button", class: "backoffice-rich-text__button", title: b.title, "aria-pressed": "false" }, b.text);
    button.addEventListener("click", () => { b.run(editor.chain().focus()).run(); });
    states.push(() => button.setAttribute("aria-pressed", String(b.active())));
    bar.append(button);
  }
  const link = element("button", { type: "button", class: "backoffice-rich-text__button", title: "Link (Ctrl+K)", "aria-pressed": "false" }, "Link");
  link.addEventListener("click", openLinkDialog);
  states.push(() => link.setAttribute("aria-pressed", String(editor.isActive("link"))));
  const undo = element("button", { type: "button", class: "backoffice-rich-text__button", title: "Ongedaan maken (Ctrl+Z)" }, "Ongedaan maken");
  undo.addEventListener("click", () => editor.chain().focus().undo().run());
  const redo = element("button", { type: "button", class: "backoffice-rich-text__button", title: "Opnieuw (Ctrl+Y)" }, "Opnieuw");
  redo.addEventListener("click", () => editor.chain().focus().redo().run());
  const source = element("button", { type: "button", class: "backoffice-rich-text__button", "aria-pressed": "false" }, "HTML-bron");
  source.addEventListener("click", () => source.setAttribute("aria-pressed", String(toggleSource())));
  const image = element("button", { type: "button", class: "backoffice-rich-text__button", title: "Afbeelding uit de mediabibliotheek" }, "Afbeelding");
  image.addEventListener("click", openImageDialog);
  bar.append(link, image, undo, redo, source);
  const update = () => states.forEach((s) => s());
  editor.on("selectionUpdate", update);
  editor.on("transaction", update);
  return { bar, source };
}

function createLinkDialog(editor, label) {
  const id = "link-" + Math.random().toString(36).slice(2);
  const address = element("input", { id: id + "-adres", class: "utrecht-textbox utrecht-textbox--html-input", type: "text", autocomplete: "off",
    "aria-describedby": id + "-adres-uitleg " + id + "-fout" });
  const search = element("input", { id: id + "-zoek", class: "utrecht-textbox utrecht-textbox--html-input", type: "search", autocomplete: "off",
    "aria-describedby": id + "-zoek-uitleg" });
  const results = element("ul", { class: "backoffice-link-dialog__results", "aria-live": "polite" });
  const chosenText = element("p", { class: "backoffice-link-dialog__chosen", role: "status" });
  let chosen = null;
  const choose = (page) => {
    chosen = page;
    chosenText.textContent = page ? "Gekozen pagina: " + page.name + (page.route ? " (" + page.route + ")" : " (nog niet gepubliceerd)") : "";
    if (page) { address.value = ""; address.removeAttribute("aria-invalid"); error.textContent = ""; }
  };
  const newTab = element("input", { id: id + "-tab", type: "checkbox", class: "utrecht-checkbox utrecht-checkbox--html-input" });
  const error = element("p", { id: id + "-fout", class: "utrecht-form-field-error-message site-field__error", role: "alert" });
  const insert = element("button", { type: "submit", class: "utrecht-button utrecht-button--primary-action" }, "Link invoegen");
  const remove = element("button", { type: "button", class: "utrecht-button utrecht-button--secondary-action" }, "Link weghalen");
  const cancel = element("button", { type: "button", class: "utrecht-button utrecht-button--subtle" }, "Annuleren");
  const form = element("form", { method: "dialog", class: "site-form" },
    element("h2", { class: "utrecht-heading-3", id: id + "-kop" }, "Link in " + label),
    element("div", { class: "utrecht-form-field site-field" },
      element("label", { class: "utrecht-form-label site-field__label", for: search.id }, "Pagina op deze site"),
      element("p", { class: "utrecht-form-field-description site-field__help", id: id + "-zoek-uitleg" }, "Typ een deel van de naam. Een link naar een pagina blijft werken als die pagina een andere naam of plek krijgt."),
      search, results, chosenText),
    element("div", { class: "utrecht-form-field site-field" },
      element("label", { class: "utrecht-form-label site-field__label", for: address.id }, "Of een adres"),
      element("p", { class: "utrecht-form-field-description site-field__help", id: id + "-adres-uitleg" }, "Bijvoorbeeld www.rijksoverheid.nl, https://… of een e-mailadres."),
      address, error),
    element("div", { class: "site-field__checkbox" }, newTab, element("label", { class: "utrecht-form-label utrecht-form-label--checkbox", for: newTab.id }, "In een nieuw tabblad openen")),
    element("div", { class: "backoffice-actions" }, insert, remove, cancel));
  const dialog = element("dialog", { class: "backoffice-link-dialog", "aria-labelledby": id + "-kop" }, form);
  document.body.append(dialog);

  let searchTimer = 0;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const query = search.value.trim();
      results.replaceChildren();
      if (query.length < 2) return;
      const response = await fetch(PICKER_URL + "?zoek=" + encodeURIComponent(query), { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const pages = await response.json();
      if (pages.length === 0) results.append(element("li", {}, "Geen pagina gevonden."));
      for (const page of pages) {
        const pick = element("button", { type: "button", class: "utrecht-button utrecht-button--subtle" }, page.name + " ", element("span", { class: "backoffice-link-dialog__route" }, page.route ?? "(niet gepubliceerd)"));
        pick.addEventListener("click", () => { choose(page); insert.focus(); });
        results.append(element("li", {}, pick));
      }
    }, 250);
  });

  address.addEventListener("input", () => { if (address.value.trim() !== "") choose(null); });

  form.addEventListener("submit", (event) => {
    const href = chosen ? "/{localLink:" + chosen.key + "}" : normalizeHref(address.value);
    if (href === null) {
      event.preventDefault();
      error.textContent = address.value.trim() === ""
        ? "Kies een pagina of vul een adres in."
        : "Dit is geen bruikbaar adres. Begin met https:// of www., vul een e-mailadres in, of kies een pagina op deze site.";
      address.setAttribute("aria-invalid", "true");
      address.focus();
      return;
    }
    const local = LOCAL_LINK.test(href);
    const attributes = {
      href,
      target: newTab.checked ? "_blank" : null,
      rel: newTab.checked ? "noopener" : null,
      type: local ? "document" : null,
      title: local ? chosen?.name ?? null : null,
    };
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain.insertContent({ type: "text", text: chosen?.name ?? address.value.trim(), marks: [{ type: "link", attrs: attributes }] }).run();
    } else {
      chain.setLink(attributes).run();
    }
  });
  remove.addEventListener("click", () => { editor.chain().focus().extendMarkRange("link").unsetLink().run(); dialog.close(); });
  cancel.addEventListener("click", () => { dialog.close(); editor.commands.focus(); });

  return function open() {
    const current = editor.getAttributes("link");
    const local = current.href ? LOCAL_LINK.exec(current.href) : null;
    address.value = local ? "" : current.href || "";
    choose(local ? { key: local[1].replace("umb://document/", ""), name: current.title || "een pagina op deze site", route: null } : null);
    if (local) chosenText.textContent = "Gekozen pagina: " + (current.title || "een pagina op deze site");
    address.removeAttribute("aria-invalid");
    newTab.checked = current.target === "_blank";
    search.value = "";
    results.replaceChildren();
    error.textContent = "";
    remove.hidden = !editor.isActive("link");
    dialog.showModal();
    (current.href ? address : search).focus();
  };
}

/**
 * The image dialog: an image from the media library, found by name, with the alt text it has there (editable for
 * this place) or marked decorative. Inserted as Umbraco stores it: src and data-udi, so the site always shows the
 * item's current file, in the sizes a visitor's screen needs.
 */
function createImageDialog(editor, label) {
  const id = "afbeelding-" + Math.random().toString(36).slice(2);
  const search = element("input", { id: id + "-zoek", class: "utrecht-textbox utrecht-textbox--html-input", type: "search", autocomplete: "off" });
  const results = element("ul", { class: "backoffice-media-picker", "aria-live": "polite" });
  const chosenText = element("p", { role: "status" });
  const alt = element("textarea", { id: id + "-alt", class: "utrecht-textarea utrecht-textarea--html-textarea", rows: "2", "aria-describedby": id + "-alt-uitleg " + id + "-fout" });
  const decorative = element("input", { id: id + "-decoratief", type: "checkbox", class: "utrecht-checkbox utrecht-checkbox--html-input" });
  const error = element("p", { id: id + "-fout", class: "utrecht-form-field-error-message site-field__error", role: "alert" });
  const insert = element("button", { type: "submit", class: "utrecht-button utrecht-button--primary-action" }, "Afbeelding invoegen");
  const cancel = element("button", { type: "button", class: "utrecht-button utrecht-button--subtle" }, "Annuleren");
  const form = element("form", { method: "dialog", class: "site-form" },
    element("h2", { class: "utrecht-heading-3", id: id + "-kop" }, "Afbeelding in " + label),
    element("div", { class: "utrecht-form-field site-field" },
      element("label", { class: "utrecht-form-label site-field__label", for: search.id }, "Zoek in de mediabibliotheek"),
      search, results, chosenText),
    element("div", { class: "utrecht-form-field site-field" },
      element("label", { class: "utrecht-form-label site-field__label", for: alt.id }, "Alt-tekst"),
      element("p", { class: "utrecht-form-field-description site-field__help", id: id + "-alt-uitleg" }, "Wat iemand die de afbeelding niet ziet hier moet weten."),
      alt, error),
    element("div", { class: "site-field__checkbox" }, decorative, element("label", { class: "utrecht-form-label utrecht-form-label--checkbox", for: decorative.id }, "Alleen decoratief")),
    element("div", { class: "backoffice-actions" }, insert, cancel));
  const dialog = element("dialog", { class: "backoffice-link-dialog", "aria-labelledby": id + "-kop" }, form);
  document.body.append(dialog);
  let chosen = null;

  const show = async () => {
    const response = await fetch(MEDIA_PICKER_URL + "?zoek=" + encodeURIComponent(search.value.trim()), { headers: { Accept: "application/json" } });
    results.replaceChildren();
    if (!response.ok) return;
    const images = await response.json();
    if (images.length === 0) results.append(element("li", {}, "Geen afbeelding gevonden. Upload er een in Media."));
    for (const image of images) {
      const pick = element("button", { type: "button", class: "backoffice-media-picker__choice" },
        element("img", { src: image.thumb, alt: "", width: "240", height: "180", loading: "lazy" }), element("span", {}, image.name));
      pick.addEventListener("click", () => {
        chosen = image;
        chosenText.textContent = "Gekozen: " + image.name;
        alt.value = image.alt || "";
        decorative.checked = image.decorative;
        alt.focus();
      });
      results.append(element("li", {}, pick));
    }
  };
  let timer = 0;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(show, 250); });

  form.addEventListener("submit", (event) => {
    const text = alt.value.trim();
    if (!chosen || (!decorative.checked && text === "")) {
      event.preventDefault();
      error.textContent = !chosen ? "Kies eerst een afbeelding." : "Vul een alt-tekst in, of vink aan dat de afbeelding alleen decoratief is.";
      (chosen ? alt : search).focus();
      return;
    }
    editor.chain().focus().setImage({ src: chosen.src, alt: decorative.checked ? "" : text, "data-udi": "umb://media/" + chosen.key }).run();
  });
  cancel.addEventListener("click", () => { dialog.close(); editor.commands.focus(); });

  return function open() {
    chosen = null;
    chosenText.textContent = "";
    search.value = "";
    alt.value = "";
    decorative.checked = false;
    error.textContent = "";
    dialog.showModal();
    search.focus();
    show();
  };
}

/** An empty paragraph at the end (after Enter, or after a pasted list) shows nothing and would only be noise. */
function withoutTrailingEmptyParagraphs(html) {
  return html.replace(/(?:<p><\/p>)+$/, "");
}

function setUp(textarea) {
  const label = document.querySelector("label[for='" + textarea.id + "']");
  const labelText = label ? label.textContent.replace("*", "").trim() : "tekst";
  const host = element("div", { class: "backoffice-rich-text" });
  textarea.insertAdjacentElement("beforebegin", host);
  const original = textarea.value;
  let changed = false;
  let openLinkDialog = () => {};

  const editor = new Editor({
    element: host,
    extensions: [
      StarterKit.configure({
        link: false,
        heading: { levels: [1, 2, 3, 4, 5, 6] },
      }),
      UmbracoLink.configure({
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url, ctx) => LOCAL_LINK.test(url) || url.startsWith("/") || ctx.defaultValidate(url),
      }),
      UmbracoImage.configure({ inline: true, allowBase64: false }),
    ],
    content: original,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": label ? (label.id ||= textarea.id + "-label") : "",
        ...(textarea.getAttribute("aria-describedby") ? { "aria-describedby": textarea.getAttribute("aria-describedby") } : {}),
        class: "backoffice-rich-text__area",
        spellcheck: "true",
        lang: document.documentElement.lang || "nl",
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") { event.preventDefault(); openLinkDialog(); return true; }
        return false;
      },
    },
    onUpdate: () => {
      changed = true;
      // The text area follows every edit, so the form always holds what is on the screen; until the first edit
      // it keeps the stored markup untouched.
      textarea.value = editor.isEmpty ? "" : withoutTrailingEmptyParagraphs(editor.getHTML());
      textarea.dispatchEvent(new Event("rich-text-change", { bubbles: true }));
    },
  });

  openLinkDialog = createLinkDialog(editor, labelText);

  let sourceShown = false;
  const toggleSource = () => {
    sourceShown = !sourceShown;
    if (sourceShown) {
      if (changed) textarea.value = withoutTrailingEmptyParagraphs(editor.getHTML());
      textarea.hidden = false;
      host.querySelector(".backoffice-rich-text__area").hidden = true;
      textarea.focus();
    } else {
      if (textarea.value !== original || changed) { editor.commands.setContent(textarea.value, { emitUpdate: false }); changed = textarea.value !== original; }
      textarea.hidden = true;
      host.querySelector(".backoffice-rich-text__area").hidden = false;
      editor.commands.focus();
    }
    return sourceShown;
  };
  const { bar, source } = createToolbar(editor, labelText, openLinkDialog, toggleSource, createImageDialog(editor, labelText));
  host.prepend(bar);
  textarea.hidden = true;
  if (label) label.addEventListener("click", (e) => { if (!sourceShown) { e.preventDefault(); editor.commands.focus(); } });

  if (!fitsTheEditor(original, editor.getHTML())) {
    const notice = element("p", { class: "site-field__help backoffice-rich-text__notice", role: "status" },
      "Deze tekst bevat opmaak die de editor niet kent (bijvoorbeeld een tabel). Je bewerkt daarom de HTML-bron, zodat er niets verloren gaat.");
    host.append(notice);
    source.setAttribute("aria-pressed", String(toggleSource()));
  }

  // A copy kept in the browser was put back into the text area: show it.
  textarea.addEventListener("rich-text-restore", () => {
    if (sourceShown) return;
    editor.commands.setContent(textarea.value, { emitUpdate: false });
    changed = true;
  });
  return editor;
}

export function setUpRichText() {
  document.querySelectorAll("textarea[data-rich-text]").forEach(setUp);
}
