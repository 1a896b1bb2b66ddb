// Pages that feel alive (community/discussions/views/live.py): a thread's last
// page says "2 new replies — show", a board "3 threads with new posts — show",
// and the header's count of unread notifications follows, without a reload.
// Each asks its address every few seconds while the page is in view; the
// browser sends the last answer's ETag, and the server answers 304 when
// nothing changed. Without this script, a reload shows the same.
(function () {
  "use strict";
  if (!window.fetch) return;

  function poll(url, every, apply) {
    var delay = every;
    var timer = null;
    var busy = false;
    function tick() {
      clearTimeout(timer);
      if (document.hidden || busy) return;
      busy = true;
      fetch(url, { cache: "no-cache", credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { delay = every; apply(data); })
        .catch(function () { delay = Math.min(delay * 2, every * 16); })
        .then(function () { busy = false; timer = setTimeout(tick, delay); });
    }
    timer = setTimeout(tick, every);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) tick();
    });
  }

  document.querySelectorAll("[data-live]").forEach(function (region) {
    poll(region.dataset.live, Number(region.dataset.liveEvery) || 20000, function (data) {
      if (!data.new) { region.replaceChildren(); return; }
      var link = region.querySelector("a") || document.createElement("a");
      link.href = data.url;
      link.textContent = data.text;
      if (!link.parentNode) region.append(link);
    });
  });

  var counter = document.querySelector("[data-live-count]");
  if (counter) {
    poll(counter.dataset.liveCount, 60000, function (data) {
      var badge = counter.querySelector("[data-testid=unread-count]");
      if (!data.unread) { if (badge) badge.remove(); return; }
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "badge";
        badge.dataset.testid = "unread-count";
        counter.append(" ", badge);
      }
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + counter.dataset.liveLabel;
      badge.replaceChildren(String(data.unread), hidden);
    });
  }
})();
