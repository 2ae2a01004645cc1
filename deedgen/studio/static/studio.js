// deedgen studio: keyboard-accessible tabs, links from the problem list to their field, and
// field states kept in step with the messages validation swaps in (htmx does the requests).
(function () {
  "use strict";

  function selectTab(tab, focus) {
    var list = tab.closest("[role=tablist]");
    list.querySelectorAll("[role=tab]").forEach(function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    var field = document.getElementById("active-tab");
    if (field) field.value = tab.id.replace(/^tab-/, "");
    if (focus) tab.focus();
  }

  document.addEventListener("click", function (event) {
    var tab = event.target.closest("[role=tab]");
    if (tab) { selectTab(tab, false); return; }
    var link = event.target.closest("a[href^='#f-']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var panel = target.closest("[role=tabpanel]");
    if (panel && panel.hidden) selectTab(document.getElementById(panel.getAttribute("aria-labelledby")), false);
    target.focus();
    target.scrollIntoView({ block: "center" });
  });

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest("[role=tab]");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll("[role=tab]"));
    var index = tabs.indexOf(tab);
    var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });

  function markFields() {
    document.querySelectorAll(".field-error").forEach(function (box) {
      var field = box.closest(".field");
      if (!field) return;
      var bad = box.querySelector(".err") !== null;
      field.classList.toggle("invalid", bad);
      var control = field.querySelector("input, select");
      if (!control) return;
      if (bad) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
    });
  }
  document.addEventListener("htmx:afterSettle", markFields);

  // validation as you type: say which fields show a message now, so the answer carries only
  // those and the fields with a problem (not one message box per field of a long sheet)
  // and what set the check off: typing ("input") or a field left, a choice made ("change"),
  // which decides how soon the answer asks for the funding-conditions panel
  document.addEventListener("htmx:configRequest", function (event) {
    if (!/\/sprawdz$/.test(event.detail.path)) return;
    var shown = [];
    document.querySelectorAll(".field-error").forEach(function (box) {
      if (box.firstElementChild) shown.push(box.id.replace(/^err-/, ""));
    });
    event.detail.parameters["shown_errors"] = shown.join(" ");
    var cause = event.detail.triggeringEvent;
    event.detail.parameters["trigger"] = cause && cause.type === "change" ? "change" : "input";
  });

  // the funding-conditions panel, asked for by the note a check's answer puts in it: not while
  // a newer check is under way (its answer asks again), and its answer is dropped when a newer
  // check has replaced the note meanwhile — a slow old panel never covers a newer one
  document.addEventListener("htmx:configRequest", function (event) {
    if (!/\/warunki$/.test(event.detail.path)) return;
    if (document.querySelector("#coalition-form.htmx-request")) event.preventDefault();
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    if (!config || !/\/warunki$/.test(config.path)) return;
    if (!config.elt.isConnected) event.detail.shouldSwap = false;  // its note was replaced
  });

  // the panel is busy from a check's answer until its own answer is in
  function markConditions() {
    var panel = document.getElementById("conditions");
    var note = document.getElementById("conditions-refresh");
    if (panel) panel.setAttribute("aria-busy", note && note.dataset.pending ? "true" : "false");
  }
  document.addEventListener("htmx:afterSettle", markConditions);

  // the clause editor's field picker: insert the name at the cursor, and preview as if typed
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.insert[data-insert]");
    var text = document.getElementById("clause-text");
    if (!button || !text || text.readOnly) return;
    var start = text.selectionStart, end = text.selectionEnd, value = button.dataset.insert;
    text.value = text.value.slice(0, start) + value + text.value.slice(end);
    text.selectionStart = text.selectionEnd = start + value.length;
    text.focus();
    text.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // the clause editor's preview: keep the edited clause in sight inside its panel
  function showEditedClause() {
    var clause = document.getElementById("edited-clause");
    var panel = document.getElementById("clause-preview");
    if (clause && panel) panel.scrollTop = clause.offsetTop - panel.offsetTop - 80;
  }
  document.addEventListener("htmx:afterSettle", showEditedClause);
  document.addEventListener("DOMContentLoaded", showEditedClause);
})();
