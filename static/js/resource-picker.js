// Progressive enhancement for the new-thread form: find library resources by
// title and add their links to the "Library resources" field. Without this
// script, members paste links by hand.
(function () {
  "use strict";
  var field = document.querySelector("textarea[data-autocomplete-url]");
  if (!field || !window.fetch) return;

  var wrapper = document.createElement("p");
  var label = document.createElement("label");
  var input = document.createElement("input");
  var list = document.createElement("datalist");
  var status = document.createElement("span");
  input.type = "search";
  input.id = field.id + "-search";
  input.setAttribute("list", input.id + "-options");
  input.setAttribute("autocomplete", "off");
  list.id = input.id + "-options";
  label.htmlFor = input.id;
  label.textContent = "Find a resource in the library to add";
  status.className = "helptext";
  status.setAttribute("role", "status");
  wrapper.append(label, input, list, status);
  field.closest("p").before(wrapper);

  var byTitle = {};
  var timer = null;

  function show(results) {
    list.replaceChildren();
    byTitle = {};
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      list.append(option);
      byTitle[item.title] = item.url;
    });
  }

  input.addEventListener("input", function () {
    var q = input.value.trim();
    if (byTitle[input.value]) return add(input.value);
    clearTimeout(timer);
    if (q.length < 2) return show([]);
    timer = setTimeout(function () {
      fetch(field.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { show(data.results); })
        .catch(function () { show([]); });
    }, 200);
  });

  function add(title) {
    var url = byTitle[title];
    var lines = field.value.split(/\s+/).filter(Boolean);
    if (lines.indexOf(url) === -1) lines.push(url);
    field.value = lines.join("\n");
    input.value = "";
    status.textContent = "Added: " + title;
  }
})();
