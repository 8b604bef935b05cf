// The back office's script, bundled by esbuild at build time: the guard that compares the editor form with what it
// was when the page opened (after the rich text editor, backoffice-rich-text.js, has filled its text areas on a
// screen that has one), the tree's filter, the list view's drag and drop, the media section, the pickers' search.
import { guard, forgetOnLogout } from "./editor-guard.js";
import { setUpTreeFilter } from "./tree-filter.js";
import { setUpReorder } from "./list-reorder.js";
import { setUpMediaLibrary } from "./media-library.js";
import { setUpPagePickerSearch } from "./page-picker-search.js";

const editor = document.querySelector("form.backoffice-editor[data-page]");
if (editor) guard(editor);
forgetOnLogout();
setUpTreeFilter();
setUpReorder();
setUpMediaLibrary();
setUpPagePickerSearch();
