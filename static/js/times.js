// Progressive enhancement for moments on every page (core/moments.py): a
// <time data-ago> holds the date and time written out; this shows a recent one
// as "3 minutes ago" in the reader's language, keeps it current every minute,
// and leaves the date and time in the element's title. Older than four weeks,
// or without this script, the date and time stay as they are.
(function () {
  "use strict";
  if (!window.Intl || !Intl.RelativeTimeFormat) return;
  var words = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", {
    numeric: "auto",
  });
  var UNITS = [["second", 60], ["minute", 60], ["hour", 24], ["day", 7], ["week", 4]];

  function relative(date) {
    var amount = Math.min(0, (date - Date.now()) / 1000); // never "in 3 seconds"
    if (amount > -45) return words.format(0, "second");
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(amount) < UNITS[i][1]) return words.format(Math.round(amount), UNITS[i][0]);
      amount /= UNITS[i][1];
    }
    return null;
  }

  function update() {
    document.querySelectorAll("time[data-ago]").forEach(function (element) {
      var date = new Date(element.getAttribute("datetime"));
      if (isNaN(date)) return;
      if (!element.dataset.written) element.dataset.written = element.textContent;
      var text = relative(date);
      element.textContent = text || element.dataset.written;
      if (text) element.title = element.dataset.written;
      else element.removeAttribute("title");
    });
  }

  update();
  setInterval(update, 60 * 1000);
})();
