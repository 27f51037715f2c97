/* Theme review without reloads. Without this script Accept and Skip are plain forms (a POST
   that redirects to the next answer, a GET of the next one); with it, the same request is
   sent with fetch and the next answer is swapped in where the last one was, so a reviewer
   working through thousands of answers does not wait for whole pages. Keys: A accepts,
   S skips, C opens the correction; never while typing in a box or with a modifier held. */
(function () {
  "use strict";
  var region = document.querySelector("[data-review-current]");
  if (!region || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var announce = document.querySelector("[data-review-announce]");
  var busy = false;

  var KEYS = { a: "accept", s: "skip", c: "correct" };

  // Only once this script runs do the keys work, so only then are they announced.
  function showKeys() {
    var keys = region.querySelector("[data-review-keys]");
    if (keys) keys.hidden = false;
    Object.keys(KEYS).forEach(function (key) {
      var control = region.querySelector("[data-review=" + KEYS[key] + "]");
      var target = control && (control.querySelector("button") || control);
      if (target) target.setAttribute("aria-keyshortcuts", key);
    });
  }

  function say(text) {
    if (!announce) return;
    announce.textContent = "";
    // A fresh text node after a tick, so the same words said twice are announced twice.
    window.setTimeout(function () { announce.textContent = text; }, 50);
  }

  function swap(html, url) {
    var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-review-current]");
    if (!next) {
      window.location.assign(url);
      return;
    }
    region.innerHTML = next.innerHTML;
    window.history.replaceState(null, "", url);
    showKeys();
    var words = [".notice", ".review-progress"].map(function (selector) {
      var element = region.querySelector(selector);
      return element ? element.textContent.trim() : "";
    }).filter(Boolean).join(" ");
    say(words);
    var heading = region.querySelector("#review-question");
    if (heading) heading.focus();
  }

  function send(form) {
    if (busy) return;
    busy = true;
    var post = (form.getAttribute("method") || "get").toLowerCase() === "post";
    var data = new URLSearchParams(new FormData(form));
    var url = form.getAttribute("action") + (post ? "" : "?" + data.toString());
    fetch(url, { method: post ? "POST" : "GET", body: post ? data : undefined, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text().then(function (html) { swap(html, response.url); });
      })
      .catch(function () {
        // Whatever went wrong, the plain form shows it as the server says it.
        form.submit();
      })
      .then(function () { busy = false; });
  }

  region.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-review=accept], [data-review=skip]")) return;
    event.preventDefault();
    send(form);
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var which = KEYS[String(event.key).toLowerCase()];
    var control = which && region.querySelector("[data-review=" + which + "]");
    if (!control) return;
    event.preventDefault();
    if (which === "correct") control.click();
    else send(control);
  });

  showKeys();
})();
