// Text pasted from Word or Google Docs arrives as markup full of their own styling: Word's "Mso" classes, <o:p>
// elements, conditional comments and lists drawn as paragraphs with a bullet character; Google Docs wraps
// everything in a <b> that is not bold and writes bold and italics as inline styles. The editor's schema already
// drops what it does not know; this turns what it would misread into the markup it holds (lists, bold, italics),
// so what lands is what the editor meant to paste. The server sanitises whatever arrives on top of this.

const WORD_LIST_ITEM = /mso-list:\s*(l\d+)\s+level(\d+)/i;
const ORDERED_MARKER = /^\s*(\d+|[a-z]|[ivxlc]+)[.)]/i;

/** The pasted markup without what Word and Google Docs add to it. */
export function cleanPastedHtml(html) {
  const template = document.createElement("template");
  // Word writes its list bullets between <![if !supportLists]> ... <![endif]>: the bullet spans stay, marked below.
  template.innerHTML = html.replace(/<!\[if[^\]]*\]>|<!\[endif\]>/gi, "");
  const root = template.content;

  removeComments(root);
  // <o:p> holds Word's paragraph end (often a lone non-breaking space): its text is noise as well.
  for (const node of root.querySelectorAll("meta, style, title, link, script, xml, o\\:p")) node.remove();
  unwrapGoogleDocsWrapper(root);
  // Google Docs puts a <br> between blocks for an empty line: between paragraphs it means nothing.
  for (const br of [...root.children].filter((node) => node.tagName === "BR")) br.remove();
  styleToMarks(root);
  wordListsToLists(root);
  for (const p of root.querySelectorAll("p")) {
    // Word's empty lines are a paragraph with one non-breaking space: vertical space is the site's styling.
    if (p.textContent.replace(/\u00A0/g, " ").trim() === "" && !p.querySelector("img")) p.remove();
  }
  for (const node of root.querySelectorAll("[style], [class], [lang], [dir], [id]")) {
    for (const name of ["style", "class", "lang", "dir", "id"]) node.removeAttribute(name);
  }
  return template.innerHTML;
}

function removeComments(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
}

function unwrap(node) {
  node.replaceWith(...node.childNodes);
}

/** Google Docs: <b style="font-weight:normal" id="docs-internal-guid-…"> around the whole fragment. */
function unwrapGoogleDocsWrapper(root) {
  for (const b of root.querySelectorAll("b[id^='docs-internal-guid']")) unwrap(b);
  for (const b of root.querySelectorAll("b")) {
    if (/font-weight:\s*(normal|[1-4]00)/i.test(b.getAttribute("style") || "")) unwrap(b);
  }
}

/** Bold and italics written as styles (Google Docs, Word) become <strong> and <em>; other spans go. */
function styleToMarks(root) {
  for (const span of [...root.querySelectorAll("span")].reverse()) {
    if (isWordListMarker(span)) continue;
    const style = span.getAttribute("style") || "";
    let content = [...span.childNodes];
    if (/font-style:\s*italic/i.test(style)) content = [wrap("em", content)];
    if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) content = [wrap("strong", content)];
    span.replaceWith(...content);
  }
}

function wrap(tag, children) {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

function isWordListMarker(span) {
  return /mso-list:\s*ignore/i.test(span.getAttribute("style") || "");
}

/** Word's list paragraphs (class MsoListParagraph…, style mso-list) become <ul>/<ol> with nesting by level. */
function wordListsToLists(root) {
  const paragraphs = [...root.querySelectorAll("p")].filter((p) => WORD_LIST_ITEM.test(p.getAttribute("style") || ""));
  let stack = [];
  let previous = null;
  let previousList = null;
  for (const p of paragraphs) {
    const [, listId, levelText] = WORD_LIST_ITEM.exec(p.getAttribute("style"));
    const level = Number(levelText);
    const marker = p.querySelector("span[style*='mso-list']");
    const ordered = marker ? ORDERED_MARKER.test(marker.textContent) : false;
    marker?.remove();
    const item = document.createElement("li");
    item.append(...p.childNodes);
    trimLeadingSpace(item);

    // A new list starts when this paragraph does not follow the previous list item directly, or Word numbers it
    // as another list (a bulleted list followed by a numbered one).
    if (!previous || previous.nextElementSibling !== p || listId !== previousList) stack = [];
    previousList = listId;
    while (stack.length > level) stack.pop();
    while (stack.length < level) {
      const list = document.createElement(ordered ? "ol" : "ul");
      if (stack.length === 0) p.before(list);
      else (stack[stack.length - 1].lastElementChild || stack[stack.length - 1]).append(list);
      stack.push(list);
    }
    stack[stack.length - 1].append(item);
    // The list sits where the paragraph was, so the next list paragraph follows the list.
    previous = stack[0];
    p.remove();
  }
}

function trimLeadingSpace(node) {
  const first = node.firstChild;
  if (first && first.nodeType === Node.TEXT_NODE) first.textContent = first.textContent.replace(/^[\s\u00A0]+/, "");
}
