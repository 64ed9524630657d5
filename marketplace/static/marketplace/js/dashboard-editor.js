// Oscar's rich-text editor (TinyMCE, the product description) in Vietnamese: its toolbar, menus
// and dialogs from the language pack (vendor/tinymce/langs/vi.js, loaded just before this file),
// and Oscar's block styles ("Text", "Heading 2"...) in the words our producers use.
(function () {
  "use strict";
  if (!window.tinymce) return;
  window.tinymce.addI18n("vi", {
    Text: "Đoạn văn",
    "Heading 2": "Tiêu đề 2",
    "Heading 3": "Tiêu đề 3",
    "Heading 4": "Tiêu đề 4",
    "Heading 5": "Tiêu đề 5",
    "Heading 6": "Tiêu đề 6",
  });
  var language = document.documentElement.lang || "vi";
  if (language.indexOf("vi") === 0) window.tinymce.overrideDefaults({ language: "vi" });
})();
