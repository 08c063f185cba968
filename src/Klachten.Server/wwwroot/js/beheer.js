// Administration: the "Kopiëren" button copies the API key shown once. Without JavaScript or a clipboard the button
// stays hidden and the key can still be selected in its read-only field.
(function () {
  var button = document.getElementById('kopieer');
  if (!button || !navigator.clipboard) return;
  var field = document.getElementById(button.getAttribute('data-kopieer'));
  var status = document.getElementById('kopieer-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(field.value).then(
      function () { status.textContent = 'De sleutel is gekopieerd.'; },
      function () { field.select(); status.textContent = 'Kopiëren lukte niet; de sleutel is geselecteerd, kopieer hem met Ctrl+C.'; });
  });
})();
