// Small behaviours HTMX does not cover. No inline scripts anywhere: the pages' policy forbids them.
"use strict";

// Confirmation for forms that destroy something: <form data-confirm="Delete this job?">.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After an HTMX swap, move focus to a heading or an error marked for it, so keyboard and
// screen-reader users land on what changed.
document.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.elt.querySelector && event.detail.elt.querySelector("[data-focus]");
  if (target) {
    target.focus();
  }
});

// Recruiter pages: candidates.
// A form refused with 400 comes back with its errors next to the fields: show it (HTMX leaves
// error responses unswapped by default).
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr && event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Notes on a passage: the text selected inside the resume text ([data-note-source]) fills the
// hidden fields of the note form ([data-note-form]) and is shown above the note box.
(() => {
  const SECTIONS = /^(summary|profile|about|experience|work experience|employment|work history|education|skills|technical skills|projects|certifications|languages|interests|references|publications|awards|volunteering)\b/i;
  const MAX = 10000;

  function sectionBefore(text) {
    const lines = text.split("\n").map((line) => line.trim()).filter(Boolean).reverse();
    const heading = lines.find((line) => line.length <= 40 && SECTIONS.test(line));
    return heading ? heading.replace(/[:\s]+$/, "").slice(0, 100) : "";
  }

  function fill(form, values) {
    for (const [name, value] of Object.entries(values)) {
      const input = form.querySelector(`input[type=hidden][name="${name}"]`);
      if (input) {
        input.value = value;
      }
    }
    const box = form.querySelector("[data-note-selection]");
    if (box) {
      box.querySelector("[data-note-quote]").textContent = values.selected_text;
      box.hidden = !values.selected_text;
    }
  }

  function capture() {
    const source = document.querySelector("[data-note-source]");
    const form = document.querySelector("[data-note-form]");
    const selection = window.getSelection();
    if (!source || !form || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) {
      return;
    }
    const selected = range.toString().trim();
    if (!selected) {
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(source);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    const all = source.textContent;
    fill(form, {
      selected_text: selected.slice(0, MAX),
      identifier: `resume-text:${start}-${end}`,
      section: sectionBefore(all.slice(0, start)),
      context: all.slice(Math.max(0, start - 300), Math.min(all.length, end + 300)).slice(0, MAX),
    });
  }

  document.addEventListener("mouseup", capture);
  document.addEventListener("keyup", (event) => {
    if (event.shiftKey || event.key === "Shift") {
      capture();
    }
  });
  document.addEventListener("click", (event) => {
    const clear = event.target.closest && event.target.closest("[data-note-clear]");
    if (clear) {
      fill(clear.closest("[data-note-form]"), {selected_text: "", identifier: "", section: "", context: ""});
    }
  });
})();

// Drag and drop of files onto a [data-dropzone] holding a file input.
(() => {
  function zone(event) {
    return event.target.closest && event.target.closest("[data-dropzone]");
  }
  document.addEventListener("dragover", (event) => {
    const target = zone(event);
    if (target) {
      event.preventDefault();
      target.classList.add("dragging");
    }
  });
  document.addEventListener("dragleave", (event) => {
    const target = zone(event);
    if (target && !target.contains(event.relatedTarget)) {
      target.classList.remove("dragging");
    }
  });
  document.addEventListener("drop", (event) => {
    const target = zone(event);
    if (!target) {
      return;
    }
    event.preventDefault();
    target.classList.remove("dragging");
    const input = target.querySelector("input[type=file]");
    if (input && event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }
  });
})();
