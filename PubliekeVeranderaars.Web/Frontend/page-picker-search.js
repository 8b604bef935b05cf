// A content picker on a large site lists only the top of the tree; this finds the other pages by name and puts
// them at the top of the picker's list, under "Gevonden", for the editor to choose. The search field has no name,
// so it is never saved with the page, and Enter in it searches instead of saving the page.

const SEARCH_URL = "/backoffice/inhoud/kiezer";
const MIN_QUERY = 2;
const DELAY_MS = 250;

export function setUpPagePickerSearch() {
  for (const input of document.querySelectorAll("input[data-page-search]")) {
    const select = document.getElementById(input.dataset.pageSearch);
    const status = document.querySelector(`[data-page-search-status="${input.dataset.pageSearch}"]`);
    if (!select) continue;
    const found = document.createElement("optgroup");
    found.label = "Gevonden";
    let timer = 0;
    const search = async () => {
      const query = input.value.trim();
      if (query.length < MIN_QUERY) return;
      let pages;
      try {
        const response = await fetch(SEARCH_URL + "?zoek=" + encodeURIComponent(query), { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        pages = await response.json();
      } catch {
        status.textContent = "Zoeken lukte niet; probeer het nog eens.";
        return;
      }
      // A page chosen from an earlier search stays in the list, above the new results.
      const chosen = select.selectedOptions[0];
      if (chosen && chosen.parentElement === found) select.insertBefore(chosen, found);
      found.replaceChildren(...pages.map((page) => {
        const option = document.createElement("option");
        option.value = "umb://document/" + page.key.replaceAll("-", "");
        option.textContent = page.route ? `${page.name} (${page.route})` : `${page.name} (niet gepubliceerd)`;
        return option;
      }));
      if (!found.isConnected) select.insertBefore(found, select.options[1] ?? null);
      if (chosen) chosen.selected = true;
      status.textContent = pages.length === 0 ? "Geen pagina gevonden."
        : `${pages.length === 1 ? "1 pagina" : pages.length + " pagina's"} gevonden; kies in de lijst hierboven onder 'Gevonden'.`;
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, DELAY_MS); });
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
  }
}
