// The back office's script, bundled by esbuild at build time: the rich text editor first (it fills its text areas),
// then the guard that compares the editor form with what it was when the page opened, then the tree's filter and
// the list view's drag and drop.
import { setUpRichText } from "./rich-text-editor.js";
import { guard, forgetOnLogout } from "./editor-guard.js";
import { setUpTreeFilter } from "./tree-filter.js";
import { setUpReorder } from "./list-reorder.js";
import { setUpMediaLibrary } from "./media-library.js";
import { setUpPagePickerSearch } from "./page-picker-search.js";

setUpRichText();
const editor = document.querySelector("form.backoffice-editor[data-page]");
if (editor) guard(editor);
forgetOnLogout();
setUpTreeFilter();
setUpReorder();
setUpMediaLibrary();
setUpPagePickerSearch();
