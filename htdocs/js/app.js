// Progressive enhancement only: every page works without this file.
// When a form comes back with errors, move the focus to the error summary so
// that screen-reader and keyboard users start from the list of errors (RGAA).
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('erreurs');
  if (summary) summary.focus();
});
