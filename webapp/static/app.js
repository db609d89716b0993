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
