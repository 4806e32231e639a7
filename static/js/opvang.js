// Opvang: small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("click", function (event) {
  // Buttons with data-confirm ask before a destructive action is sent.
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
