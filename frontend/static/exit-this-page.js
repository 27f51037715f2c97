/* "Exit this page" (the GOV.UK Design System pattern): without this script the link is a plain
   link; with it, the page is replaced rather than left (Back does not return to it), its
   content is hidden at once, and Shift pressed three times within 5 seconds does the same. */
(function () {
  "use strict";
  var link = document.querySelector("[data-exit-link]");
  if (!link) return;
  var status = document.querySelector("[data-exit-status]");
  var presses = 0;
  var timer = null;

  function say(text) {
    if (status) status.textContent = text || "";
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.className += " exiting";
    document.title = link.getAttribute("data-leaving") || "";
    say(link.getAttribute("data-leaving"));
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    say(link.getAttribute(presses === 1 ? "data-press-two" : "data-press-one"));
    timer = window.setTimeout(function () {
      presses = 0;
      say("");
    }, 5000);
  });
  // Back to a page kept in memory after leaving: leave again rather than show it.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.documentElement.className.indexOf("exiting") !== -1) {
      window.location.replace(link.href);
    }
  });
})();
