// Progressive enhancement for the new-thread form's "Library resources to share":
// an editable combobox with list autocomplete (the WAI-ARIA 1.2 combobox pattern,
// https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) finds published resources
// by title. Picking one writes its link on a line of the textarea, which stays
// what the server reads, and shows each line as a chip with a "Remove" button.
// Without this script, members paste links or type exact titles, one per line.
(function () {
  "use strict";
  var field = document.querySelector("textarea[data-autocomplete-url]");
  var template = document.getElementById("resource-picker");
  if (!field || !template || !window.fetch || !window.AbortController) return;

  var DELAY = 250; // ms of quiet typing before the library is asked
  var MIN_LENGTH = 2; // the autocomplete answers nothing to less
  var LINK = /\/resources\/([A-Za-z0-9_-]+)\/?(?:[?#]\S*)?$/;
  var SLUG = /^[A-Za-z0-9_-]+$/;
  var limit = Number(field.dataset.maxResources) || 5;
  var titles = readTitles(); // slug -> title, for the chips' names
  var results = []; // [{title, url}] the listbox shows
  var active = -1; // index of the active option, -1 for none
  var timer = null;
  var pending = null; // the AbortController of the request in flight
  var asked = 0; // numbers the requests, so a stale answer is dropped

  var picker = template.content.firstElementChild.cloneNode(true);
  var input = picker.querySelector("[role=combobox]");
  var listbox = picker.querySelector("[role=listbox]");
  var status = picker.querySelector("[role=status]");
  var chips = picker.querySelector(".chips");

  // A message of the template's, its {names} filled in.
  function say(name, values) {
    return template.dataset[name].replace(/\{(\w+)\}/g, function (all, key) {
      return values && key in values ? values[key] : all;
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function readTitles() {
    var known = new Map();
    try {
      var given = JSON.parse(field.dataset.titles || "{}");
      Object.keys(given).forEach(function (slug) { known.set(slug, given[slug]); });
    } catch (error) { /* no titles: chips show the lines themselves */ }
    return known;
  }

  function place() {
    // Before the field's errors, if any, so they stay next to the textarea.
    var row = field.closest("p") || field;
    var errors = row.previousElementSibling;
    var anchor = errors && errors.classList.contains("errorlist") ? errors : row;
    anchor.before(picker);
  }

  // --- The textarea's lines and the chips that show them -------------------

  function lines() {
    return field.value
      .split(/\r?\n/)
      .map(function (line) { return line.trim(); })
      .filter(Boolean);
  }

  function slugOf(line) {
    var match = LINK.exec(line);
    if (match) return match[1];
    return SLUG.test(line) ? line : "";
  }

  function nameOf(line) {
    return titles.get(slugOf(line)) || line;
  }

  function showChips() {
    chips.replaceChildren();
    lines().forEach(function (line, position) {
      var name = nameOf(line);
      var chip = element("li", { class: "chip" });
      var button = element("button", { type: "button", class: "chip-remove" }, say("remove"));
      button.append(element("span", { class: "visually-hidden" }, " " + name));
      button.addEventListener("click", function () { remove(line, name, position); });
      chip.append(element("span", { class: "chip-name" }, name), " ", button);
      chips.append(chip);
    });
    chips.hidden = !chips.children.length;
  }

  function remove(line, name, position) {
    field.value = lines().filter(function (kept) { return kept !== line; }).join("\n");
    showChips();
    var buttons = chips.querySelectorAll("button");
    (buttons[position] || buttons[position - 1] || input).focus();
    announce(say("removed", { title: name }));
  }

  function pick(index) {
    var item = results[index];
    var slug = slugOf(item.url);
    var chosen = lines();
    if (slug) titles.set(slug, item.title);
    if (chosen.some(function (line) { return slug && slugOf(line) === slug; })) {
      announce(say("already", { title: item.title }));
    } else if (chosen.length >= limit) {
      close();
      announce(say("full", { limit: limit }));
      return;
    } else {
      field.value = chosen.concat([item.url]).join("\n");
      showChips();
      announce(say("added", { title: item.title }));
    }
    input.value = "";
    show([]);
  }

  // --- The listbox ---------------------------------------------------------

  function announce(text) {
    status.textContent = text;
  }

  function open() {
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    activate(-1);
  }

  function activate(index) {
    active = index;
    Array.prototype.forEach.call(listbox.children, function (option, n) {
      option.setAttribute("aria-selected", String(n === index));
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    var option = listbox.children[index];
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    if (listbox.hidden) open();
    var count = results.length;
    if (active < 0) activate(step > 0 ? 0 : count - 1);
    else activate((active + step + count) % count);
  }

  function show(found) {
    results = found;
    listbox.replaceChildren();
    found.forEach(function (item, n) {
      var attributes = { id: listbox.id + "-" + n, role: "option", "aria-selected": "false" };
      if (item.lang) attributes.lang = item.lang; // an English title on a Spanish page
      listbox.append(element("li", attributes, item.title));
    });
    activate(-1);
    if (found.length && document.activeElement === input) open();
    else close();
  }

  // --- Asking the library --------------------------------------------------

  function query() {
    return input.value.split(/\s+/).filter(Boolean).join(" ");
  }

  function search(q) {
    if (pending) pending.abort();
    pending = new AbortController();
    var mine = ++asked;
    var url = field.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q);
    fetch(url, { headers: { Accept: "application/json" }, signal: pending.signal })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (mine !== asked || query() !== q) return; // an older answer
        var found = data.results || [];
        show(found);
        var count = found.length;
        announce(say(count > 1 ? "foundMany" : count ? "foundOne" : "foundNone", { count: count }));
      })
      .catch(function (error) {
        if (error.name === "AbortError" || mine !== asked) return;
        show([]);
        announce(say("failed"));
      });
  }

  function forget() {
    clearTimeout(timer);
    if (pending) pending.abort();
    pending = null;
    asked += 1;
  }

  // --- Keyboard and mouse --------------------------------------------------

  function onInput() {
    var q = query();
    forget();
    activate(-1);
    if (q.length < MIN_LENGTH) {
      show([]);
      announce("");
      return;
    }
    timer = setTimeout(search, DELAY, q);
  }

  function onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.isComposing) return;
    var key = event.key;
    if ((key === "ArrowDown" || key === "ArrowUp") && results.length) {
      event.preventDefault();
      if (event.altKey) open();
      else move(key === "ArrowDown" ? 1 : -1);
    } else if (key === "Enter") {
      onEnter(event);
    } else if (key === "Escape") {
      onEscape(event);
    } else if (key === "Tab") {
      close();
    } else if (["Home", "End", "ArrowLeft", "ArrowRight"].indexOf(key) !== -1) {
      activate(-1); // the caret moves in the text again
    }
  }

  function onEnter(event) {
    if (!listbox.hidden && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (query()) {
      // A half-typed search never posts the thread.
      event.preventDefault();
      if (results.length) announce(say("choose"));
    }
  }

  function onEscape(event) {
    if (!listbox.hidden) {
      event.preventDefault();
      close();
    } else if (input.value) {
      event.preventDefault();
      input.value = "";
      forget();
      show([]);
      announce("");
    }
  }

  function onOptionClick(event) {
    var option = event.target.closest("[role=option]");
    if (!option) return;
    pick(Array.prototype.indexOf.call(listbox.children, option));
    input.focus();
  }

  place();
  showChips();
  input.addEventListener("input", onInput);
  input.addEventListener("keydown", onKeydown);
  input.addEventListener("blur", close);
  // Keep the focus in the combobox while an option is clicked.
  listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
  listbox.addEventListener("click", onOptionClick);
  field.addEventListener("input", showChips);
})();
