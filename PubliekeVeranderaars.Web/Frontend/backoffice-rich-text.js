// The rich text editor (TipTap and ProseMirror: nine tenths of the back office's script) as a script of its own, that
// only a screen with rich text to edit loads, before backoffice.js: scripts run in the page's order, so the guard there
// takes the form as the editors left it, and the editors are there when the page is, as with one script.
import { setUpRichText } from "./rich-text-editor.js";

setUpRichText();
