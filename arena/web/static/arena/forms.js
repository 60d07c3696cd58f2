// Arena's form helpers. No inline scripts: the Content-Security-Policy allows scripts from 'self' only.
//
// 0. Every page: wide tables scroll inside their own container (a labelled, focusable region when it
//    overflows), not the whole page; the main menu's "Registeret" group closes on Escape or a click elsewhere.
// 1. After a refused save, focus moves to the error summary, so keyboard and screen-reader users start there.
// 2. Pickers: each <select data-picker="URL"> becomes a search-as-you-type combobox (the ARIA 1.2 combobox
//    pattern: an input with role=combobox, aria-expanded, aria-controls and aria-activedescendant over a
//    role=listbox popup). The original select stays in the form, hidden, and carries the chosen ids, so the
//    form posts exactly what it posted without the script. URL answers ?q= with {"results": [{id, label}]}.
(function () {
  "use strict";

  var LABELS = document.documentElement.lang === "en"
    ? { remove: "Remove", none: "No matches", results: " matches. Use the arrow keys to choose.", chosen: "Chosen: ", added: " added", removed: " removed" }
    : { remove: "Fjern", none: "Ingen treff", results: " treff. Bruk piltastene for å velge.", chosen: "Valgt: ", added: " lagt til", removed: " fjernet" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function Picker(select) {
    var self = this;
    var baseId = select.id;
    select.picker = this;  // for arena.suggestions' "Foreslå en ny" dialog (suggestions/propose.js)
    this.select = select;
    this.multiple = select.multiple;
    this.url = select.getAttribute("data-picker");
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.request = 0;

    // The label and the error summary's links point at the field's id: the input takes it over.
    select.id = baseId + "-select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    this.root = el("div", { "class": "picker" });
    this.chosen = el("ul", { "class": "picker__chosen", "aria-label": LABELS.chosen.replace(": ", "") });
    this.input = el("input", {
      type: "text", id: baseId, role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": baseId + "-listbox", autocomplete: "off", "class": "picker__input"
    });
    var help = document.getElementById(baseId + "-help");
    if (help) { this.input.setAttribute("aria-describedby", help.id); }
    if (select.getAttribute("aria-invalid")) { this.input.setAttribute("aria-invalid", "true"); }
    this.listbox = el("ul", { role: "listbox", id: baseId + "-listbox", "class": "picker__listbox" });
    this.listbox.hidden = true;
    var label = document.querySelector('label[for="' + baseId + '"]');
    if (label) {
      if (!label.id) { label.id = baseId + "-label"; }
      this.listbox.setAttribute("aria-labelledby", label.id);
    }
    this.status = el("div", { "class": "visually-hidden", role: "status", "aria-live": "polite" });

    this.root.appendChild(this.chosen);
    this.root.appendChild(this.input);
    this.root.appendChild(this.listbox);
    this.root.appendChild(this.status);
    select.parentNode.insertBefore(this.root, select.nextSibling);
    this.renderChosen();

    this.input.addEventListener("input", function () { self.schedule(); });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.choose(Number(option.getAttribute("data-index"))); }
    });
  }

  Picker.prototype.selectedOptions = function () {
    return Array.prototype.filter.call(this.select.options, function (o) { return o.selected && o.value; });
  };

  Picker.prototype.renderChosen = function () {
    var self = this;
    this.chosen.textContent = "";
    this.selectedOptions().forEach(function (option) {
      var item = el("li", { "class": "picker__chip" });
      item.appendChild(el("span", {}, option.textContent));
      var remove = el("button", { type: "button", "class": "picker__remove", "aria-label": LABELS.remove + " " + option.textContent }, "×");
      remove.addEventListener("click", function () {
        option.selected = false;
        self.renderChosen();
        self.status.textContent = option.textContent + LABELS.removed;
        self.input.focus();
      });
      item.appendChild(remove);
      self.chosen.appendChild(item);
    });
    this.chosen.hidden = this.chosen.children.length === 0;
  };

  Picker.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.search(); }, 150);
  };

  Picker.prototype.search = function () {
    var self = this;
    var query = this.input.value.trim();
    if (!query) { this.close(); return; }
    var ticket = ++this.request;
    fetch(this.url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (ticket === self.request) { self.show(data.results || []); } })
      .catch(function () { if (ticket === self.request) { self.show([]); } });
  };

  Picker.prototype.show = function (results) {
    var self = this;
    var chosen = this.selectedOptions().map(function (o) { return o.value; });
    this.results = results;
    this.active = -1;
    this.listbox.textContent = "";
    results.forEach(function (result, index) {
      var picked = chosen.indexOf(String(result.id)) >= 0;
      self.listbox.appendChild(el("li", {
        role: "option", id: self.input.id + "-option-" + index, "data-index": String(index),
        "aria-selected": "false", "class": "picker__option" + (picked ? " picker__option--chosen" : "")
      }, result.label));
    });
    if (!results.length) {
      this.listbox.appendChild(el("li", { "class": "picker__empty", "aria-disabled": "true" }, LABELS.none));
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.input.removeAttribute("aria-activedescendant");
    this.status.textContent = results.length ? results.length + LABELS.results : LABELS.none;
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.highlight = function (index) {
    var options = this.listbox.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    this.active = (index + options.length) % options.length;
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === this.active ? "true" : "false");
    }, this);
    var current = options[this.active];
    this.input.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  };

  Picker.prototype.choose = function (index) {
    var result = this.results[index];
    if (!result) { return; }
    var value = String(result.id);
    var option = Array.prototype.find.call(this.select.options, function (o) { return o.value === value; });
    if (!this.multiple) {
      Array.prototype.forEach.call(this.select.options, function (o) { o.selected = false; });
    }
    if (!option) {
      option = new Option(result.label, value, true, true);
      this.select.appendChild(option);
    }
    option.selected = true;
    this.renderChosen();
    this.input.value = "";
    this.close();
    this.status.textContent = result.label + LABELS.added;
    this.input.focus();
  };

  Picker.prototype.add = function (result) {  // choose a record found elsewhere, e.g. just proposed
    this.results = [result];
    this.choose(0);
  };

  Picker.prototype.onKey = function (event) {
    var open = !this.listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) { this.search(); } else { this.highlight(this.active + 1); }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) { this.highlight(this.active - 1); }
        break;
      case "Enter":
        if (open && this.active >= 0) { event.preventDefault(); this.choose(this.active); }
        else if (this.input.value.trim()) { event.preventDefault(); }  // no accidental submit mid-search
        break;
      case "Escape":
        if (open) { event.preventDefault(); this.close(); } else { this.input.value = ""; }
        break;
      case "Backspace":
        if (!this.input.value && this.multiple) {
          var last = this.selectedOptions().pop();
          if (last) { last.selected = false; this.renderChosen(); this.status.textContent = last.textContent + LABELS.removed; }
        }
        break;
    }
  };

  function wrapTables() {
    var wrappers = [];
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table, index) {
      if (table.parentNode.classList && table.parentNode.classList.contains("table-scroll")) { return; }
      var wrapper = el("div", { "class": "table-scroll" });
      var caption = table.querySelector("caption");
      var labelledBy = table.getAttribute("aria-labelledby");
      if (caption) {
        if (!caption.id) { caption.id = "table-caption-" + index; }
        labelledBy = caption.id;
      }
      if (labelledBy) { wrapper.setAttribute("aria-labelledby", labelledBy); }
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
      wrappers.push(wrapper);
    });
    function update() {
      wrappers.forEach(function (wrapper) {
        var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
        if (overflows && wrapper.hasAttribute("aria-labelledby")) {
          wrapper.setAttribute("tabindex", "0");
          wrapper.setAttribute("role", "region");
        } else {
          wrapper.removeAttribute("tabindex");
          wrapper.removeAttribute("role");
        }
      });
    }
    update();
    window.addEventListener("resize", update);
  }

  function menuGroups() {
    var groups = document.querySelectorAll(".site-nav__group details");
    document.addEventListener("click", function (event) {
      Array.prototype.forEach.call(groups, function (group) {
        if (group.open && !group.contains(event.target)) { group.open = false; }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      Array.prototype.forEach.call(groups, function (group) {
        if (group.open && group.contains(document.activeElement)) {
          group.open = false;
          group.querySelector("summary").focus();
        }
      });
    });
  }

  window.ArenaPicker = Picker;

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables();
    menuGroups();
    Array.prototype.forEach.call(document.querySelectorAll("select[data-picker]"), function (select) {
      new Picker(select);
    });
    // After a form error: focus the error summary, or else the first field marked with an error.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    } else {
      var errors = document.querySelector("main .field-errors");
      var field = errors && errors.closest(".field");
      var invalid = field && field.querySelector("input:not([type=hidden]), select, textarea");
      if (invalid) { invalid.focus(); }
    }
  });
})();
