// Drag a page of a list view to another place; on drop the new order is saved (one post, as the buttons do one
// step at a time). The Eerder/Later buttons on every row are the keyboard way to the same result.
export function setUpReorder() {
  const table = document.querySelector("table[data-reorder]");
  const form = document.getElementById("volgorde");
  if (!table || !form) return;
  const body = table.tBodies[0];
  let dragged = null;

  for (const row of body.rows) {
    const handle = row.querySelector(".backoffice-drag");
    if (!handle) continue;
    handle.addEventListener("mousedown", () => { row.draggable = true; });
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      row.classList.add("backoffice-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.key);
    });
    row.addEventListener("dragend", () => {
      row.draggable = false;
      row.classList.remove("backoffice-dragging");
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? row.nextSibling : row);
    });
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      if (!dragged) return;
      dragged = null;
      for (const old of form.querySelectorAll("input[name=order]")) old.remove();
      for (const each of body.rows) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "order";
        input.value = each.dataset.key;
        form.append(input);
      }
      form.submit();
    });
  }
}
