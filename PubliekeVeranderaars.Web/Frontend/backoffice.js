// The back office's script, bundled by esbuild at build time as modules: the guard that compares the editor form
// with what it was when the page opened, the tree's filter, the list view's drag and drop, the media section and the
// page pickers' search. The rich text editor (TipTap and ProseMirror: nine tenths of the weight) is a file of its own
// that only a screen with rich text to edit fetches. It leaves a text area's stored markup as it is until the first
// edit, so the guard need not wait for it.
import { guard, forgetOnLogout } from "./editor-guard.js";
import { setUpTreeFilter } from "./tree-filter.js";
import { setUpReorder } from "./list-reorder.js";
import { setUpMediaLibrary } from "./media-library.js";
import { setUpPagePickerSearch } from "./page-picker-search.js";

if (document.querySelector("textarea[data-rich-text]")) import("./rich-text-editor.js").then((module) => module.setUpRichText());
const editor = document.querySelector("form.backoffice-editor[data-page]");
if (editor) guard(editor);
forgetOnLogout();
setUpTreeFilter();
setUpReorder();
setUpMediaLibrary();
setUpPagePickerSearch();
