// Comments: typing "@" and the start of a teammate's name or email suggests who can be
// mentioned (the textarea's data-mentions). Up and Down choose, Enter or Tab inserts, Escape
// closes; suggestions can also be clicked. The live region says how many there are.
"use strict";

(() => {
  function tokenBefore(textarea) {
    const upto = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|[\s(])@([\w.+'-]*)$/.exec(upto);
    return match ? { start: upto.length - match[2].length, text: match[2].toLowerCase() } : null;
  }

  function setUp(textarea) {
    const handles = JSON.parse(textarea.dataset.mentions || "[]");
    const list = document.getElementById(textarea.dataset.mentionsList);
    const status = document.getElementById(textarea.dataset.mentionsStatus);
    let shown = [];
    let active = -1;

    function close() {
      shown = [];
      active = -1;
      list.hidden = true;
      list.replaceChildren();
      textarea.removeAttribute("aria-activedescendant");
    }

    function mark(index) {
      active = index;
      [...list.children].forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      textarea.setAttribute("aria-activedescendant", list.children[index].id);
    }

    function insert(handle) {
      const token = tokenBefore(textarea);
      if (!token) {
        return close();
      }
      const before = textarea.value.slice(0, token.start);
      const after = textarea.value.slice(textarea.selectionStart);
      textarea.value = `${before}${handle} ${after}`;
      const caret = before.length + handle.length + 1;
      textarea.setSelectionRange(caret, caret);
      close();
      status.textContent = `@${handle} added.`;
      textarea.focus();
    }

    function suggest() {
      const token = tokenBefore(textarea);
      if (!token) {
        return close();
      }
      shown = handles.filter((handle) => handle.startsWith(token.text)).slice(0, 8);
      if (!shown.length) {
        close();
        status.textContent = "No teammate matches.";
        return;
      }
      list.replaceChildren(...shown.map((handle, i) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${i}`;
        item.setAttribute("role", "option");
        item.textContent = `@${handle}`;
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          insert(handle);
        });
        return item;
      }));
      list.hidden = false;
      mark(0);
      status.textContent = `${shown.length} teammate${shown.length === 1 ? "" : "s"} match: Up and Down to choose, Enter to insert.`;
    }

    textarea.addEventListener("input", suggest);
    textarea.addEventListener("blur", close);
    textarea.addEventListener("keydown", (event) => {
      if (!shown.length) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        mark((active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        insert(shown[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  }

  function scan(root) {
    root.querySelectorAll("textarea[data-mentions]").forEach((textarea) => {
      if (!textarea.dataset.mentionsReady) {
        textarea.dataset.mentionsReady = "1";
        setUp(textarea);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => scan(document));
  document.addEventListener("htmx:load", (event) => scan(event.detail.elt));
})();
