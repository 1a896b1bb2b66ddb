"use strict";
// Names the admin's own widgets leave out, given once their scripts have drawn
// them (and again whenever they redraw: an autocomplete after each choice, a new
// row of an inline). Loaded on every admin page by templates/admin/base_site.html.
//
// - The two-box selector (Django's SelectFilter2) names each of its filter
//   boxes by an icon in the box's label, a span with an aria-label; a span
//   without a role may not carry one: the icon is an image (role="img").
// - An autocomplete (Select2, which Django ships) names its box by its value
//   only, which is nothing while it is empty; the value is shown in a span
//   marked a read-only text box, itself without a name. Here the box is named
//   by the field's label and its value, and the value is the box's text.
// - A many-valued autocomplete's search field has no name: the field's label.
// - An autocomplete's "clear" cross is a span only a pointer can use (the
//   keyboard clears with Backspace), drawn inside the list of chosen items,
//   where only items belong, or inside the value that names the box: it is
//   hidden from screen readers, as Select2 hides each item's own cross.
{
    function fieldLabel(select) {
        const label = select.id
            ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`)
            : null;
        if (label && !label.id) {
            label.id = `${select.id}_label`;
        }
        return label;
    }

    function nameBy(element, label, select) {
        if (label) {
            element.setAttribute("aria-labelledby", label.id);
        } else if (select.hasAttribute("aria-label")) {
            element.setAttribute("aria-label", select.getAttribute("aria-label"));
        }
    }

    function mendAutocomplete(container) {
        const select = container.previousElementSibling;
        const label = fieldLabel(select);
        const single = container.querySelector(".select2-selection--single");
        if (single) {
            const value = single.querySelector(".select2-selection__rendered");
            if (value.hasAttribute("role")) {
                value.removeAttribute("role");
                value.removeAttribute("aria-readonly");
                if (label) {
                    single.setAttribute("aria-labelledby", `${label.id} ${value.id}`);
                } else {
                    nameBy(single, null, select);
                }
            }
            return;
        }
        const search = container.querySelector(".select2-search__field");
        if (search && !search.hasAttribute("aria-labelledby")) {
            nameBy(search, label, select);
        }
    }

    function mend() {
        document
            .querySelectorAll(".selector .search-label-icon[aria-label]:not([role])")
            .forEach((icon) => icon.setAttribute("role", "img"));
        document
            .querySelectorAll("select.admin-autocomplete + .select2-container")
            .forEach(mendAutocomplete);
        document
            .querySelectorAll(".select2-selection__clear:not([aria-hidden])")
            .forEach((cross) => cross.setAttribute("aria-hidden", "true"));
    }

    // After the load event's other listeners: SelectFilter2 draws on it, and
    // Select2 before it (on DOMContentLoaded).
    window.addEventListener("load", () => {
        mend();
        new MutationObserver(mend).observe(document.body, {
            childList: true,
            subtree: true,
        });
    });
}
