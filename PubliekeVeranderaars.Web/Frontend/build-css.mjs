// The style sheets, one per layout, minified:
// - public.css: the NL Design System's component library and theme, cut down at build time to the rules and design
//   tokens the public views use, followed by the site's own rules (site.css);
// - backoffice.css: the library and theme cut down the same way to what every view (the back office's included) and
//   the back office's scripts use, followed by the site's rules and the back office's own (backoffice.css), whole.
//
// Why cut: the whole Utrecht library and the theme are 600 KB, of which a phone needs a few percent; every visitor
// would download and parse the rest on every first visit, and an editor's first screen weighed 208 KB with 40 KB of
// it this style sheet. PurgeCSS reads the views and the C# that writes markup, and keeps a rule only if its class
// names appear there. Rich text comes from editors, not from the views, so the
// rules for the elements it may contain are always kept.
//
// Usage: node Frontend/build-css.mjs <output folder>   (run by the build; see the project file)
import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { PurgeCSS } from "purgecss";
import { transform } from "esbuild";

const folder = process.argv[2];
if (!folder) throw new Error("usage: node Frontend/build-css.mjs <output folder>");

const library = [
  "node_modules/@utrecht/component-library-css/dist/index.css",
  "node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
];
const sources = [...library, "Frontend/site.css"];
const built = new Set(["bin", "obj", "node_modules", "wwwroot"]);
async function filesUnder(folder, extension, skipped) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !skipped.has(entry.name)) found.push(...await filesUnder(path, extension, skipped));
    else if (entry.isFile() && entry.name.endsWith(extension)) found.push(path);
  }
  return found;
}
const read = (files) => Promise.all(files.map(async (file) => ({ raw: await readFile(file, "utf8"), extension: extname(file).slice(1) })));
// What public pages are made of: the views (not the back office's), and the C# that writes markup or class names.
const publicSkipped = new Set([...built, "Backoffice"]);
const contentFiles = [
  ...await filesUnder("Views", ".cshtml", publicSkipped),
  ...await filesUnder(".", ".cs", publicSkipped),
  ...await filesUnder("../PubliekeVeranderaars.Core", ".cs", publicSkipped),
];
if (!contentFiles.some((f) => f.endsWith("_Layout.cshtml"))) throw new Error("the public layout was not found: run from the web project's folder");
const content = await read(contentFiles);
// What the back office is made of: every view and all the C#, and its scripts, which build alerts, buttons and links.
const backofficeFiles = [
  ...await filesUnder("Views", ".cshtml", built),
  ...await filesUnder(".", ".cs", built),
  ...await filesUnder("../PubliekeVeranderaars.Core", ".cs", built),
  ...await filesUnder("Frontend", ".js", built),
];
if (!backofficeFiles.some((f) => f.endsWith("_BackofficeLayout.cshtml"))) throw new Error("the back office's layout was not found");
const backofficeContent = await read(backofficeFiles);
// Elements an editor's rich text may hold (the sanitiser's list), styled by the library when inside the page's text.
const richTextElements = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "img", "figure", "figcaption", "blockquote",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code", "pre",
  "hr", "br", "dl", "dt", "dd", "mark", "abbr", "cite", "q", "small", "del", "ins"];

// One result per source, in the order given: the theme after the library, the site's own rules last.
const purge = async (content, files) => (await new PurgeCSS().purge({
  content,
  css: await Promise.all(files.map(async (file) => ({ raw: await readFile(file, "utf8"), name: file }))),
  variables: true,
  keyframes: true,
  fontFace: true,
  safelist: {
    standard: [...richTextElements, "html", "body", ":root"],
    // The theme's class on <body> holds every design token; states the browser sets.
    greedy: [/^voorbeeld-theme$/],
  },
})).map((r) => r.css);
await write(`${folder}/public.css`, (await purge(content, sources)).join("\n"), sources);
// The site's rules and the back office's own stay whole: they are small, and the back office's scripts add their
// state classes (dragging, unsaved, an upload's error) by name.
const ownRules = ["Frontend/site.css", "Frontend/backoffice.css"];
await write(`${folder}/backoffice.css`,
  [...await purge(backofficeContent, library), ...await Promise.all(ownRules.map((f) => readFile(f, "utf8")))].join("\n"),
  [...library, ...ownRules]);

async function write(output, text, from) {
  const css = Buffer.from((await transform(text, { loader: "css", minify: true, legalComments: "none" })).code);
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, css);
  const before = (await Promise.all(from.map((file) => readFile(file)))).reduce((sum, b) => sum + b.length, 0);
  console.log(`${output}: ${css.length} bytes from ${before} (${(100 * css.length / before).toFixed(1)} %)`);
}
