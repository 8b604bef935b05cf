// The content tree's filter narrows the tree while typing: a page shows when its name matches, or a page below it
// does. Enter still asks the server, which filters the same way without JavaScript.
export function setUpTreeFilter() {
  const input = document.querySelector("input[data-tree-filter]");
  if (!input) return;
  const nav = input.closest("nav");
  const items = [...nav.querySelectorAll("li.backoffice-tree__item")];
  input.addEventListener("input", () => {
    const wanted = input.value.trim().toLowerCase();
    for (const item of items) item.hidden = false;
    if (wanted === "") return;
    for (const item of items.reverse()) {
      const matches = item.dataset.name.includes(wanted);
      const childMatches = [...item.querySelectorAll(":scope > ul > li")].some((child) => !child.hidden);
      item.hidden = !matches && !childMatches;
    }
    items.reverse();
  });
}
