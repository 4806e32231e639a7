// Opvang: small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("click", function (event) {
  // Buttons with data-confirm ask before a destructive action is sent.
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A form swapped into the page by htmx takes the focus, so keyboard and screen-reader users
// land where they can type (WCAG 2.4.3 focus order) instead of staying on the link they used.
// Only after opening something (GET): a save or a live-search refresh keeps the focus where it is.
document.addEventListener("htmx:afterSwap", function (event) {
  if ((event.detail.requestConfig || {}).verb !== "get") {
    return;
  }
  const field = event.detail.target.querySelector(
    "form input:not([type=hidden]):not([disabled]), form select:not([disabled]), form textarea:not([disabled])"
  );
  if (field) {
    field.focus();
  }
});
