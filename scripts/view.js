// Select a speaker in the legend to highlight their statements; select again to show all.
(function () {
  var buttons = document.querySelectorAll(".legend button[data-speaker]");
  function clear() {
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    document.querySelectorAll(".focus").forEach(function (e) { e.classList.remove("focus"); });
    document.body.classList.remove("focusing");
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var was = button.getAttribute("aria-pressed") === "true";
      clear();
      if (was) { return; }
      button.setAttribute("aria-pressed", "true");
      document.body.classList.add("focusing");
      var id = button.getAttribute("data-speaker");
      document.querySelectorAll("[data-speaker]").forEach(function (e) {
        if (e.getAttribute("data-speaker") === id && e.hasAttribute("data-role")) { e.classList.add("focus"); }
      });
    });
  });
})();
