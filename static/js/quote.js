// Progressive enhancement for quoting on a thread's page: a post's "Quote" link
// quotes just the part of that post the member selected, into the reply form
// below, as Markdown between [quote=post:N] and [/quote]. With nothing selected
// in the post, or without this script, the link opens the reply form with the
// whole post quoted, for the member to cut down. The server checks every quote
// against the post it names (community/discussions/quotes.py).
(function () {
  "use strict";
  var field = document.querySelector("#reply textarea[name=body]");
  if (!field || !window.getSelection) return;
  var replyTo = field.form.querySelector("input[name=reply_to]");
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  field.form.append(status);

  var MARKS = { STRONG: "**", B: "**", EM: "_", I: "_", DEL: "~~", S: "~~" };
  var HEADINGS = { H2: "## ", H3: "### ", H4: "#### ", H5: "##### ", H6: "###### " };

  function escaped(text) {
    return text.replace(/\s+/g, " ").replace(/([\\`*_[\]])/g, "\\$1");
  }

  // The Markdown of inline content: text, emphasis, code and links.
  function inline(node) {
    var out = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) { out += escaped(child.nodeValue); return; }
      if (child.nodeType !== Node.ELEMENT_NODE) return;
      var tag = child.tagName;
      if (tag === "BR") out += "\n";
      else if (tag === "CODE") out += "`" + child.textContent + "`";
      else if (MARKS[tag]) out += MARKS[tag] + inline(child) + MARKS[tag];
      else if (tag === "A" && child.getAttribute("href")) {
        out += "[" + inline(child) + "](" + child.getAttribute("href") + ")";
      } else out += inline(child);
    });
    return out;
  }

  // The Markdown of a node's blocks (paragraphs, lists, headings, code), as a
  // list of strings; inline content between blocks is a paragraph of its own.
  function blocks(node) {
    var out = [];
    var loose = document.createElement("span");
    function flush() {
      var text = inline(loose).trim();
      if (text) out.push(text);
      loose = document.createElement("span");
    }
    Array.from(node.childNodes).forEach(function (child) {
      var tag = child.nodeType === Node.ELEMENT_NODE ? child.tagName : "";
      if (!tag || MARKS[tag] || tag === "A" || tag === "CODE" || tag === "BR" || tag === "SPAN") {
        loose.append(child.cloneNode(true));
        return;
      }
      flush();
      if (tag === "BLOCKQUOTE" && child.classList.contains("quote")) return; // a quote's quote
      if (tag === "P" || HEADINGS[tag]) out.push((HEADINGS[tag] || "") + inline(child).trim());
      else if (tag === "UL" || tag === "OL") {
        Array.from(child.children).forEach(function (item, index) {
          out.push((tag === "OL" ? index + 1 + ". " : "- ") + inline(item).trim());
        });
      } else if (tag === "LI") out.push("- " + inline(child).trim());
      else if (tag === "PRE") out.push("```\n" + child.textContent.replace(/\n$/, "") + "\n```");
      else if (tag === "BLOCKQUOTE") {
        out.push(blocks(child).map(function (b) { return "> " + b; }).join("\n>\n"));
      } else if (tag === "TR" || tag === "TD" || tag === "TH") {
        Array.from(child.querySelectorAll("td, th")).concat(tag === "TR" ? [] : [child])
          .forEach(function (cell) { var text = inline(cell).trim(); if (text) out.push(text); });
      } else out = out.concat(blocks(child));
    });
    flush();
    return out.filter(function (text) { return text.replace(/[-#>\s]/g, "") !== ""; });
  }

  // The member's selection within this post's text, cut to the text's edges.
  function selectionIn(link) {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    var prose = link.closest(".post").querySelector(".prose");
    var range = selection.getRangeAt(0).cloneRange();
    if (!prose || !range.intersectsNode(prose)) return null;
    if (!prose.contains(range.startContainer)) range.setStart(prose, 0);
    if (!prose.contains(range.endContainer)) range.setEnd(prose, prose.childNodes.length);
    return range.collapsed ? null : range;
  }

  function insert(postId, text) {
    var quote = "[quote=post:" + postId + "]\n" + text + "\n[/quote]\n\n";
    var at = document.activeElement === field ? field.selectionStart : field.value.length;
    var before = field.value.slice(0, at);
    if (before && !/\n\n$/.test(before)) before += /\n$/.test(before) ? "\n" : "\n\n";
    field.value = before + quote + field.value.slice(at);
    if (replyTo && !replyTo.value) replyTo.value = postId;
    field.focus();
    field.setSelectionRange((before + quote).length, (before + quote).length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    status.textContent = field.form.dataset.quoted;
  }

  // Pressing the link may clear the selection before the click: keep it first.
  var kept = null;
  document.addEventListener("pointerdown", function (event) {
    var link = event.target.closest && event.target.closest("a.quote-link");
    kept = link ? selectionIn(link) : null;
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.quote-link");
    if (!link) return;
    var range = kept || selectionIn(link);
    kept = null;
    var text = range ? blocks(range.cloneContents()).join("\n\n") : "";
    if (!text) return; // nothing selected here: the link quotes the whole post
    event.preventDefault();
    insert(link.dataset.quote, text);
  });
})();
