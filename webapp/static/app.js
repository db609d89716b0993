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

// Drag and drop files onto a [data-dropzone]: they go into the zone's file input.
document.addEventListener("dragover", (event) => {
  const zone = event.target.closest && event.target.closest("[data-dropzone]");
  if (zone) {
    event.preventDefault();
    zone.classList.add("dragging");
  }
});
document.addEventListener("dragleave", (event) => {
  const zone = event.target.closest && event.target.closest("[data-dropzone]");
  if (zone && !zone.contains(event.relatedTarget)) {
    zone.classList.remove("dragging");
  }
});
document.addEventListener("drop", (event) => {
  const zone = event.target.closest && event.target.closest("[data-dropzone]");
  if (!zone) {
    return;
  }
  event.preventDefault();
  zone.classList.remove("dragging");
  const input = zone.querySelector("input[type=file]");
  if (input && event.dataTransfer && event.dataTransfer.files.length) {
    input.files = event.dataTransfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  }
});

// Skill chips: Add (or Enter) turns the typed skill into a chip; a chip's button removes it.
function addSkill(editor) {
  const input = editor.querySelector("[data-skill-input]");
  const name = input.value.trim().replace(/\s+/g, " ");
  if (!name) {
    return;
  }
  const chips = editor.querySelector("[data-chips]");
  const taken = Array.from(chips.querySelectorAll("input[name=skills]"))
    .some((hidden) => hidden.value.toLowerCase() === name.toLowerCase());
  if (!taken) {
    const chip = document.createElement("li");
    chip.className = "chip";
    const label = document.createElement("span");
    label.textContent = name;
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "skills";
    hidden.value = name;
    const remove = document.createElement("button");
    remove.type = "submit";
    remove.name = "remove_skill";
    remove.value = name;
    remove.dataset.removeSkill = "";
    remove.setAttribute("aria-label", "Remove " + name);
    remove.textContent = "×";
    chip.append(label, hidden, remove);
    chips.append(chip);
  }
  input.value = "";
  input.focus();
  updateEmpty(editor);
}

function updateEmpty(editor) {
  const empty = editor.querySelector("[data-chips-empty]");
  if (empty) {
    empty.hidden = editor.querySelector("[data-chips] li") !== null;
  }
}

document.addEventListener("click", (event) => {
  const add = event.target.closest("[data-add-skill]");
  if (add) {
    event.preventDefault();
    addSkill(add.closest("[data-skills]"));
    return;
  }
  const remove = event.target.closest("[data-remove-skill]");
  if (remove) {
    event.preventDefault();
    const editor = remove.closest("[data-skills]");
    remove.closest("li").remove();
    updateEmpty(editor);
    editor.querySelector("[data-skill-input]").focus();
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches && event.target.matches("[data-skill-input]")) {
    event.preventDefault();
    addSkill(event.target.closest("[data-skills]"));
  }
});

// Repeatable groups (jobs, schools): add a copy of the group's <template>, remove a group.
function renumber(container) {
  Array.from(container.querySelectorAll("[data-group]")).forEach((group, index) => {
    const legend = group.querySelector("[data-group-legend]");
    const noun = legend.dataset.groupLegend;
    legend.textContent = noun + " " + (index + 1);
    group.querySelector("[data-remove-group]").textContent = "Remove " + noun.toLowerCase() + " " + (index + 1);
  });
  const empty = document.querySelector("[data-groups-empty='" + container.dataset.groups + "']");
  if (empty) {
    empty.hidden = container.querySelector("[data-group]") !== null;
  }
}

document.addEventListener("click", (event) => {
  const add = event.target.closest("[data-add-group]");
  if (add) {
    event.preventDefault();
    const name = add.dataset.addGroup;
    const container = document.querySelector("[data-groups='" + name + "']");
    const template = document.querySelector("[data-group-template='" + name + "']");
    const used = Array.from(container.querySelectorAll("[name]"))
      .map((input) => parseInt(input.name.split("-")[1], 10)).filter((n) => !Number.isNaN(n));
    const index = String(used.length ? Math.max(...used) + 1 : 0);
    const copy = template.content.firstElementChild.cloneNode(true);
    copy.querySelectorAll("[id], [name], [for], [value]").forEach((element) => {
      ["id", "name", "for", "value"].forEach((attribute) => {
        const value = element.getAttribute(attribute);
        if (value && value.includes("__i__")) {
          element.setAttribute(attribute, value.replace("__i__", index));
        }
      });
    });
    container.append(copy);
    renumber(container);
    copy.querySelector("input, textarea").focus();
    return;
  }
  const remove = event.target.closest("[data-remove-group]");
  if (remove) {
    event.preventDefault();
    const container = remove.closest("[data-groups]");
    remove.closest("[data-group]").remove();
    renumber(container);
    document.querySelector("[data-add-group='" + container.dataset.groups + "']").focus();
  }
});

// Characters left in a text box with a limit (<textarea data-max-chars>), shown under it at once
// and told to screen readers after a pause in typing (not on every key). The server checks the
// limit again, so without JavaScript nothing is lost but the count.
(() => {
  const timers = new WeakMap();

  function count(box, announce) {
    const shown = document.querySelector(`[data-char-count="${box.id}"]`);
    if (!shown) {
      return;
    }
    const max = parseInt(box.dataset.maxChars, 10);
    const left = max - Array.from(box.value).length;  // characters, as the server counts them
    const text = left >= 0
      ? `${left.toLocaleString("en")} of ${max.toLocaleString("en")} characters left`
      : `${(-left).toLocaleString("en")} characters too many`;
    shown.textContent = text;
    shown.hidden = false;
    shown.classList.toggle("error", left < 0);
    const live = document.querySelector(`[data-char-count-live="${box.id}"]`);
    if (live && announce) {
      clearTimeout(timers.get(box));
      timers.set(box, setTimeout(() => { live.textContent = text; }, 1000));
    }
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches("textarea[data-max-chars]")) {
      count(event.target, true);
    }
  });
  const start = () => document.querySelectorAll("textarea[data-max-chars]").forEach((box) => count(box, false));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
