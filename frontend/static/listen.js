/* "Listen": reads the question and its answers aloud, for a child who cannot read yet.
   Progressive enhancement: the page works without it, and the button is added only where the
   browser can speak (the Web Speech API's speechSynthesis) with a voice in the page's
   language. A Welsh page with no Welsh voice gets no button: Welsh read by an English voice
   is worse than none. Nothing leaves the phone: the browser speaks, no service is called. */
(function () {
  "use strict";
  var place = document.querySelector("[data-listen-label]");
  var speech = window.speechSynthesis;
  if (!place || !speech || typeof window.SpeechSynthesisUtterance !== "function") return;
  var lang = place.getAttribute("data-listen-lang") || "en-GB";
  var prefix = lang.slice(0, 2).toLowerCase();
  var added = false;

  function voiceFor() {
    var voices = speech.getVoices() || [];
    var exact = null;
    var near = null;
    for (var i = 0; i < voices.length; i += 1) {
      var spoken = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (spoken === lang.toLowerCase()) exact = exact || voices[i];
      else if (spoken.slice(0, 2) === prefix) near = near || voices[i];
    }
    return exact || near;
  }

  function words() {
    var parts = [];
    var found = document.querySelectorAll("[data-listen-text]");
    for (var i = 0; i < found.length; i += 1) {
      var text = (found[i].textContent || "").trim();
      if (text) parts.push(text.replace(/[.?!]*$/, ""));
    }
    return parts.join(". ") + ".";
  }

  function read() {
    var voice = voiceFor();
    if (!voice) return;
    var utterance = new window.SpeechSynthesisUtterance(words());
    utterance.lang = voice.lang || lang;
    utterance.voice = voice;
    utterance.rate = 0.9; // a little slower, for a young listener
    speech.cancel(); // pressed again: start again, never two voices at once
    speech.speak(utterance);
  }

  function add() {
    if (added || !voiceFor()) return;
    added = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary listen-button";
    button.textContent = place.getAttribute("data-listen-label");
    button.addEventListener("click", read);
    place.appendChild(button);
    place.hidden = false;
  }

  add();
  // Browsers load their voices after the page: try again when they arrive.
  if (!added && typeof speech.addEventListener === "function") {
    speech.addEventListener("voiceschanged", add);
  }
  window.addEventListener("pagehide", function () {
    speech.cancel();
  });
})();
