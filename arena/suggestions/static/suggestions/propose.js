// "Finner du ikke arenaen? Foreslå en ny" under the arena and organisation pickers of the edit forms
// (arena.suggestions). The link goes to the proposal page; with scripts it opens the same form in a modal
// <dialog> instead, so the draft being edited stays as it is. The server answers a valid proposal with
// {id, label}, which the picker then chooses; otherwise with the form again (errors, or "Mente du …?"
// candidates, each with "Bruk denne"). No inline scripts (CSP): this file is loaded by the edit page.
(function () {
  "use strict";

  function openDialog(picker, url, name, opener) {
    var dialog = document.createElement("dialog");
    dialog.className = "proposal-dialog";
    dialog.setAttribute("aria-labelledby", "proposal-title");
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () { dialog.remove(); opener.focus(); });

    function use(result) {
      picker.add(result);
      dialog.close();
    }

    function show(html) {
      dialog.innerHTML = html;  // a form rendered by this site (same origin), no scripts in it
      var form = dialog.querySelector("form[data-proposal-form]");
      form.addEventListener("submit", function (event) { event.preventDefault(); send(form); });
      Array.prototype.forEach.call(dialog.querySelectorAll("[data-close-dialog]"), function (button) {
        button.addEventListener("click", function () { dialog.close(); });
      });
      Array.prototype.forEach.call(dialog.querySelectorAll("[data-use-candidate]"), function (button) {
        button.addEventListener("click", function () {
          use({ id: button.getAttribute("data-use-candidate"), label: button.getAttribute("data-label") });
        });
      });
      Array.prototype.forEach.call(dialog.querySelectorAll("select[data-picker]"), function (select) {
        new window.ArenaPicker(select);
      });
      if (!dialog.open) { dialog.showModal(); }
      var first = dialog.querySelector("[data-focus-on-load]") || dialog.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    }

    function send(form) {
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { Accept: "application/json, text/html" } })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("json") >= 0) { return response.json().then(use); }
          return response.text().then(show);
        });
    }

    fetch(url + "?fragment=1&navn=" + encodeURIComponent(name), { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(show);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-propose]"), function (select) {
      var picker = select.picker;
      if (!picker) { return; }
      var url = select.getAttribute("data-propose");
      var paragraph = document.createElement("p");
      paragraph.className = "picker__propose";
      var link = document.createElement("a");
      link.href = url + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
      link.textContent = select.getAttribute("data-propose-label");
      paragraph.appendChild(link);
      picker.root.appendChild(paragraph);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        openDialog(picker, url, picker.input.value.trim(), link);
      });
    });
  });
})();
