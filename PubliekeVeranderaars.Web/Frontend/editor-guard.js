// The page editor never loses work without a word: leaving with unsaved changes asks first; the side actions
// (plan, move, sort, delete, create, roll back) refuse while there are unsaved changes; a copy of the form is kept in
// this browser while typing and offered back after a crash or a closed tab. Logging out forgets every copy.
const STORE_PREFIX = "pv-concept:";
const TOKEN = "__RequestVerificationToken";

function entries(form) {
  return [...new FormData(form).entries()].filter(([name]) => name !== TOKEN).map(([name, value]) => [name, String(value)]);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function restore(form, fields) {
  const byName = new Map();
  for (const [name, value] of fields) byName.set(name, [...(byName.get(name) || []), value]);
  for (const field of form.elements) {
    if (!field.name || field.name === TOKEN || !byName.has(field.name) && field.type !== "checkbox") continue;
    const values = byName.get(field.name) || [];
    if (field.type === "checkbox" || field.type === "radio") field.checked = values.includes(field.value);
    else if (field.tagName === "SELECT") for (const option of field.options) option.selected = values.includes(option.value);
    else field.value = values[0] ?? "";
    if (field.tagName === "TEXTAREA" && field.hasAttribute("data-rich-text")) field.dispatchEvent(new Event("rich-text-restore"));
  }
}

function notice(form, text, buttons) {
  const box = document.createElement("div");
  box.className = "utrecht-alert utrecht-alert--warning site-alert backoffice-concept";
  box.setAttribute("role", "status");
  const paragraph = document.createElement("p");
  paragraph.className = "utrecht-paragraph";
  paragraph.textContent = text;
  const actions = document.createElement("div");
  actions.className = "backoffice-actions";
  for (const [label, onClick] of buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action";
    button.textContent = label;
    button.addEventListener("click", () => { onClick(); box.remove(); });
    actions.append(button);
  }
  box.append(paragraph, actions);
  form.before(box);
  return box;
}

export function guard(form) {
  const storeKey = STORE_PREFIX + form.dataset.page;
  let initial = entries(form);
  let submitting = false;
  // A form the server showed again after refusing a save (a mistake, or a colleague's save in between) holds what
  // was typed and is stored nowhere: unsaved from the start.
  let unsaved = form.classList.contains("backoffice-editor--unsaved");
  const dirty = () => !submitting && (unsaved || !same(entries(form), initial));

  const stored = (() => { try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch { return null; } })();
  if (stored && Array.isArray(stored.fields) && !same(stored.fields, initial)) {
    const when = new Date(stored.savedAt).toLocaleString("nl-NL", { dateStyle: "long", timeStyle: "short" });
    notice(form, `In deze browser staan wijzigingen aan deze pagina van ${when} die niet zijn opgeslagen.`, [
      ["Wijzigingen terugzetten", () => restore(form, stored.fields)],
      ["Weggooien", () => localStorage.removeItem(storeKey)],
    ]);
  }

  let timer = 0;
  const keep = () => {
    clearTimeout(timer);
    if (submitting) return;
    timer = setTimeout(() => {
      const now = entries(form);
      try {
        if (same(now, initial) && !unsaved) localStorage.removeItem(storeKey);
        else localStorage.setItem(storeKey, JSON.stringify({ savedAt: Date.now(), fields: now }));
      } catch { /* storage full or refused: the warning before leaving still protects the work */ }
    }, 800);
  };
  if (unsaved) {
    // The copy was dropped when the save was sent: keep one again, as if typed just now.
    try { localStorage.setItem(storeKey, JSON.stringify({ savedAt: Date.now(), fields: initial })); } catch { /* see keep() */ }
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("rich-text-change", keep);

  // A save under way keeps no copy: a copy written while the server answers would be offered back after the save.
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(timer);
    localStorage.removeItem(storeKey);
  });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // Back from the browser's cache (bfcache): what the form holds now is the starting point again.
  window.addEventListener("pageshow", (event) => { if (event.persisted) { submitting = false; initial = entries(form); } });

  for (const side of document.querySelectorAll("form[data-side-action]")) {
    side.addEventListener("submit", (event) => {
      if (!dirty()) return;
      event.preventDefault();
      let message = side.querySelector(".backoffice-unsaved");
      if (!message) {
        message = document.createElement("p");
        message.className = "utrecht-form-field-error-message site-field__error backoffice-unsaved";
        message.setAttribute("role", "alert");
        side.append(message);
      }
      message.textContent = "";
      message.textContent = "Je hebt wijzigingen aan de pagina die nog niet zijn opgeslagen. Sla ze eerst op (of maak ze ongedaan); daarna kan dit.";
    });
  }
}

/** Logging out forgets every unsaved copy kept in this browser: a shared computer keeps nothing. */
export function forgetOnLogout() {
  for (const logout of document.querySelectorAll("form.backoffice-logout")) {
    logout.addEventListener("submit", () => {
      for (const key of Object.keys(localStorage)) if (key.startsWith(STORE_PREFIX)) localStorage.removeItem(key);
    });
  }
}
