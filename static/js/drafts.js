// Progressive enhancement for the reply and new-thread forms: what a member
// types is kept in this browser (localStorage, per member and per form's
// action) until the form is sent, so a reload or a closed tab does not lose
// it. A form the server shows again (a refused or invalid post) already holds
// the text; it is kept again at once, since sending it cleared the draft.
// Without this script, the forms work as before.
(function () {
  "use strict";
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem("draft:");
  } catch (error) {
    return; // storage refused (privacy settings): nothing is kept
  }

  function keep(form) {
    var key = "draft:" + form.dataset.draftOwner + ":" + form.action;
    var fields = form.dataset.draft.split(" ").map(function (name) {
      return form.elements.namedItem(name);
    }).filter(Boolean);
    var timer = null;
    var sent = false;

    function save() {
      clearTimeout(timer);
      if (sent) return;
      var draft = {};
      var written = false;
      fields.forEach(function (field) {
        draft[field.name] = field.value;
        written = written || field.value.trim() !== "";
      });
      try {
        if (written) storage.setItem(key, JSON.stringify(draft));
        else storage.removeItem(key);
      } catch (error) {
        // storage full: the draft is not kept, the form works as ever
      }
    }

    function restore() {
      var draft;
      try {
        draft = JSON.parse(storage.getItem(key) || "null");
      } catch (error) {
        return;
      }
      if (!draft) return;
      var restored = false;
      fields.forEach(function (field) {
        if (field.value === "" && typeof draft[field.name] === "string" && draft[field.name]) {
          field.value = draft[field.name];
          restored = true;
        }
      });
      if (restored) announce(form.dataset.draftRestored);
    }

    function announce(text) {
      var status = document.createElement("p");
      status.className = "helptext";
      status.setAttribute("role", "status");
      form.before(status);
      // Filled once the live region is in the page, so screen readers read it.
      setTimeout(function () { status.textContent = text; }, 300);
    }

    if (form.hasAttribute("data-draft-unsent")) save();
    else restore();
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    });
    form.addEventListener("submit", function () {
      sent = true;
      clearTimeout(timer);
      try { storage.removeItem(key); } catch (error) { /* nothing was kept */ }
    });
    // What was typed in the last moment before a reload or a closed tab.
    window.addEventListener("pagehide", save);
    // Back to this page from the next one (the back/forward cache): typing counts again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) sent = false;
    });
  }

  document.querySelectorAll("form[data-draft]").forEach(keep);
})();
