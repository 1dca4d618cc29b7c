// dost front-end behaviour. No inline scripts anywhere: the strict CSP forbids them.
(function () {
  "use strict";

  // Confirmation before destructive actions: <form data-confirm="…">.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // Gantt timeline of a plan's tasks and roadmap milestones (frappe-gantt, served locally).
  function drawGantt() {
    var container = document.getElementById("gantt");
    if (!container || container.dataset.drawn || typeof window.Gantt === "undefined") return;
    var source = document.getElementById(container.dataset.ganttSource);
    var rows = source ? JSON.parse(source.textContent) : [];
    if (!rows.length) return;
    container.dataset.drawn = "1";
    new window.Gantt(container, rows, {
      view_mode: "Month",
      language: "vi",
      readonly: true,
      popup_on: "hover",
      on_click: function (task) { if (task.url) window.location.href = task.url; }
    });
  }
  document.addEventListener("shown.bs.tab", function (event) {
    if (event.target && event.target.id === "gantt-tab") drawGantt();
  });
})();
