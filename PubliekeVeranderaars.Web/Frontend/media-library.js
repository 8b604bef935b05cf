// The media section: uploads one file per request so each shows its own progress and its own error, from the
// file button or dropped on the drop zone; and the focal point, set by clicking the image (the two number fields
// stay the keyboard's and the screen reader's way to set it).

const uploadForm = () => document.querySelector("form[data-media-upload]");

function uploadOne(form, file, row) {
  return new Promise((resolve) => {
    const data = new FormData();
    data.append("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
    data.append("bestanden", file, file.name);
    const request = new XMLHttpRequest();
    const progress = row.querySelector("progress");
    const status = row.querySelector("[data-status]");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener("load", () => {
      let outcome = null;
      try { outcome = JSON.parse(request.responseText)[0]; } catch { /* not JSON: a server error page */ }
      progress.value = 100;
      if (request.status === 200 && outcome && !outcome.error) {
        status.textContent = outcome.needsAltText ? "geüpload; vul nog de alt-tekst in" : "geüpload";
        if (outcome.url) {
          const link = document.createElement("a");
          link.className = "utrecht-link";
          link.href = outcome.url;
          link.textContent = "Openen";
          status.append(" ", link);
        }
        resolve(true);
      } else {
        row.classList.add("backoffice-upload-progress__item--error");
        status.textContent = (outcome && outcome.error) || "niet gelukt (" + request.status + "); probeer het opnieuw.";
        resolve(false);
      }
    });
    request.addEventListener("error", () => {
      row.classList.add("backoffice-upload-progress__item--error");
      status.textContent = "de verbinding viel weg; probeer het opnieuw.";
      resolve(false);
    });
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.send(data);
  });
}

async function uploadAll(form, files) {
  const list = form.querySelector("[data-media-progress]");
  list.replaceChildren();
  const rows = Array.from(files).map((file) => {
    const row = document.createElement("li");
    row.className = "backoffice-upload-progress__item";
    const name = document.createElement("span");
    name.textContent = file.name;
    const progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute("aria-label", "Voortgang " + file.name);
    const status = document.createElement("span");
    status.dataset.status = "";
    status.textContent = "wacht";
    row.append(name, progress, status);
    list.append(row);
    return row;
  });
  let allDone = true;
  // One at a time: a phone's upload is shared anyway, and the first file is done soonest.
  for (let i = 0; i < files.length; i++) {
    rows[i].querySelector("[data-status]").textContent = "bezig";
    if (!(await uploadOne(form, files[i], rows[i]))) allDone = false;
  }
  const summary = document.createElement("li");
  summary.textContent = allDone ? "Klaar." : "Klaar, niet alles is gelukt: zie hierboven.";
  list.append(summary);
  await refreshListing();
}

// The folder's list is fetched again and swapped in place rather than the page reloaded: a reload would cancel an
// "Openen" the editor already clicked, and would take away the progress list and the screen reader's place.
async function refreshListing() {
  const listing = document.querySelector("[data-media-listing]");
  if (!listing) return;
  try {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-media-listing]");
    if (fresh) listing.replaceChildren(...fresh.childNodes);
  } catch {
    // Offline or the session ended: the list stays as it was; the "Openen" links above still work.
  }
}

export function setUpMediaLibrary() {
  const form = uploadForm();
  if (form) {
    const input = form.querySelector("input[type=file]");
    form.addEventListener("submit", (event) => {
      if (!input.files || input.files.length === 0) return;
      event.preventDefault();
      uploadAll(form, input.files);
    });
    const zone = form.querySelector("[data-media-dropzone]");
    ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("backoffice-dropzone--active");
    }));
    ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("backoffice-dropzone--active")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length > 0) uploadAll(form, event.dataTransfer.files);
    });
  }

  const picker = document.querySelector("[data-focus-picker]");
  if (picker) {
    const left = document.querySelector("[data-focus-left]");
    const top = document.querySelector("[data-focus-top]");
    const show = () => {
      picker.style.setProperty("--focus-left", left.value + "%");
      picker.style.setProperty("--focus-top", top.value + "%");
    };
    picker.addEventListener("click", (event) => {
      const box = picker.querySelector("img").getBoundingClientRect();
      left.value = (Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1) * 100).toFixed(1);
      top.value = (Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1) * 100).toFixed(1);
      show();
      left.dispatchEvent(new Event("input", { bubbles: true }));
    });
    left.addEventListener("input", show);
    top.addEventListener("input", show);
    // The marker's place comes from the fields: the page's own style attribute is blocked by the content security policy.
    show();
  }
}
