// The pipeline board: drag a card to another column to move it. Dropping submits the card's
// own "Move to" form, so dragging does exactly what the menu does (and the menu stays the
// way to move by keyboard).
"use strict";

(() => {
  let dragged = null;

  const columnOf = (event) => (event.target.closest ? event.target.closest("[data-stage]") : null);

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest("[data-application][draggable=true]");
    if (!card) {
      return;
    }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.application);
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    document.querySelectorAll(".drop-target").forEach((column) => column.classList.remove("drop-target"));
  });

  document.addEventListener("dragover", (event) => {
    const column = columnOf(event);
    if (column && dragged) {
      event.preventDefault();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("dragleave", (event) => {
    const column = columnOf(event);
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove("drop-target");
    }
  });

  document.addEventListener("drop", (event) => {
    const column = columnOf(event);
    if (!column || !dragged) {
      return;
    }
    event.preventDefault();
    column.classList.remove("drop-target");
    const form = dragged.querySelector("form.move-form");
    const select = form && form.querySelector("select[name=stage]");
    if (!select || column.dataset.stage === dragged.dataset.stageId) {
      return;
    }
    select.value = column.dataset.stage;
    form.requestSubmit();
  });
})();
