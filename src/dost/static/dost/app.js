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

  // Gantt timeline of a plan's tasks and roadmap milestones, drawn as SVG through DOM attributes only
  // (third-party Gantt widgets write inline styles, which the strict Content-Security-Policy blocks).
  var SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function monthIndex(date) { return date.getFullYear() * 12 + date.getMonth(); }
  function drawGantt() {
    var container = document.getElementById("gantt");
    if (!container || container.dataset.drawn) return;
    var source = document.getElementById(container.dataset.ganttSource);
    var rows = source ? JSON.parse(source.textContent) : [];
    if (!rows.length) return;
    container.dataset.drawn = "1";
    rows.forEach(function (r) { r.s = new Date(r.start + "T00:00:00"); r.e = new Date(r.end + "T00:00:00"); });
    var first = Math.min.apply(null, rows.map(function (r) { return monthIndex(r.s); }));
    var last = Math.max.apply(null, rows.map(function (r) { return monthIndex(r.e); }));
    var months = last - first + 1, labelW = 300, monthW = Math.max(48, Math.min(90, 900 / months)), rowH = 26, top = 40;
    var width = labelW + months * monthW + 16, height = top + rows.length * rowH + 10;
    var svg = el("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height, "class": "gantt-svg",
                         role: "img", "aria-label": "Biểu đồ tiến độ"}, container);
    function x(date) {
      var m = monthIndex(date) - first;
      var days = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
      return labelW + (m + (date.getDate() - 1) / days) * monthW;
    }
    for (var i = 0; i < months; i++) {
      var mx = labelW + i * monthW, month = (first + i) % 12 + 1, year = Math.floor((first + i) / 12);
      el("rect", {x: mx, y: top - 4, width: monthW, height: height - top, "class": i % 2 ? "gantt-col-odd" : "gantt-col"}, svg);
      var label = el("text", {x: mx + monthW / 2, y: top - 10, "class": "gantt-month", "text-anchor": "middle"}, svg);
      label.textContent = "T" + month + (month === 1 || i === 0 ? "/" + year : "");
    }
    var today = new Date();
    if (monthIndex(today) >= first && monthIndex(today) <= last) {
      el("line", {x1: x(today), x2: x(today), y1: top - 4, y2: height, "class": "gantt-today"}, svg);
    }
    rows.forEach(function (r, index) {
      var y = top + index * rowH;
      var group = el("a", {href: r.url, "class": "gantt-row " + (r.custom_class || "")}, svg);
      var name = el("text", {x: 6, y: y + rowH / 2 + 4, "class": "gantt-label"}, group);
      name.textContent = r.name.length > 44 ? r.name.slice(0, 43) + "…" : r.name;
      var x0 = x(r.s), x1 = Math.max(x(r.e) + monthW / 30, x0 + 4);
      if (r.custom_class === "gantt-milestone") {
        var cx = x(r.e), cy = y + rowH / 2;
        el("polygon", {points: [cx, cy - 7, cx + 7, cy, cx, cy + 7, cx - 7, cy].join(" "),
                       "class": r.progress >= 100 ? "gantt-diamond done" : "gantt-diamond"}, group);
      } else {
        el("rect", {x: x0, y: y + 5, width: x1 - x0, height: rowH - 10, rx: 3, "class": "gantt-bar"}, group);
        el("rect", {x: x0, y: y + 5, width: (x1 - x0) * Math.min(100, r.progress) / 100, height: rowH - 10, rx: 3,
                    "class": "gantt-progress"}, group);
      }
      el("title", {}, group).textContent = r.name + " (" + r.start + " → " + r.end + ", " + r.progress + "%)";
    });
  }
  // An import job finished parsing while the page polled: reload to show the review forms.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = document.getElementById("job-progress");
    if (target && ["parsed", "done"].indexOf(target.dataset.status) >= 0) {
      window.location.reload();
    }
    // A periodic report finished rendering: reload to show its files and the issue form.
    var report = document.getElementById("report-status");
    if (report && !report.hasAttribute("hx-get") && ["queued", "rendering"].indexOf(report.dataset.status) < 0) {
      window.location.reload();
    }
  });
  document.addEventListener("shown.bs.tab", function (event) {
    if (event.target && event.target.id === "gantt-tab") drawGantt();
  });
})();

// Keyboard-friendly entry grids (<table class="figure-grid">): arrows and Enter move between cells of the
// same column or row, as in a spreadsheet; Enter never submits the form by accident.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("figure-input")) return;
    var cell = input.closest("td");
    var row = input.closest("tr");
    var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [event.shiftKey ? -1 : 1, 0]};
    if (input.selectionStart === 0 && input.selectionEnd === 0) moves.ArrowLeft = [0, -1];
    if (input.selectionStart === input.value.length) moves.ArrowRight = [0, 1];
    var move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    var rows = Array.prototype.slice.call(row.parentNode.children);
    var rowIndex = rows.indexOf(row);
    var colIndex = Array.prototype.indexOf.call(row.children, cell);
    if (move[1]) {
      var inputs = Array.prototype.slice.call(row.querySelectorAll(".figure-input"));
      var next = inputs[inputs.indexOf(input) + move[1]];
      if (next) { next.focus(); next.select(); }
      return;
    }
    for (var i = rowIndex + move[0]; i >= 0 && i < rows.length; i += move[0]) {
      var target = rows[i].children[colIndex] && rows[i].children[colIndex].querySelector(".figure-input");
      if (target) { target.focus(); target.select(); return; }
    }
  });
})();

// Dashboard charts (Chart.js): data fetched as JSON, so no inline script is needed.
(function () {
  "use strict";
  var box = document.querySelector("[data-dashboard-charts]");
  if (!box || typeof Chart === "undefined") return;
  var number = new Intl.NumberFormat("vi-VN", {maximumFractionDigits: 2});
  function empty(name) {
    var note = box.querySelector('[data-chart-empty="' + name + '"]');
    if (note) note.classList.remove("d-none");
  }
  fetch(box.dataset.dashboardCharts, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
    var plan = data.plan_vs_actual;
    if (plan && plan.labels.length) {
      box.querySelector('[data-chart-title="plan"]').textContent = plan.title;
      new Chart(document.getElementById("chart-plan-actual"), {
        type: "bar",
        data: {labels: plan.labels, datasets: [
          {label: "Kế hoạch", data: plan.plan, backgroundColor: "#9ec5fe"},
          {label: "Thực hiện", data: plan.actual, backgroundColor: "#0d6efd"}]},
        options: {animation: false, plugins: {tooltip: {callbacks: {label: function (c) { return c.dataset.label + ": " + number.format(c.parsed.y); }}}}}
      });
    } else { empty("plan"); }
    var execution = data.execution;
    if (execution && execution.labels.length) {
      box.querySelector('[data-chart-title="execution"]').textContent = execution.title;
      var colours = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997"];
      new Chart(document.getElementById("chart-execution"), {
        type: "line",
        data: {labels: execution.labels, datasets: execution.series.map(function (s, i) {
          return {label: s.label, data: s.data, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], spanGaps: true};
        })},
        options: {animation: false, scales: {y: {beginAtZero: true, ticks: {callback: function (v) { return number.format(v) + "%"; }}}}}
      });
    } else { empty("execution"); }
    box.dataset.loaded = "true";
  }).catch(function () { empty("plan"); empty("execution"); });
})();
