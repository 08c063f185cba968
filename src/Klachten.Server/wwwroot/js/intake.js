// Progressive enhancement of the intake form; the server checks everything again.
(function () {
  var form = document.getElementById('intake');
  if (!form) return;
  var block = document.getElementById('discriminatie');
  var warning = document.getElementById('verjaard-live');
  function category() { var c = form.querySelector('input[name="category"]:checked'); return c ? c.value : ''; }
  function update() {
    block.hidden = category() !== 'Discrimination';
    var e = form.elements['eventDate'].value, r = form.elements['receivedOn'].value;
    var lapsed = false;
    if (e && r) { var limit = new Date(r); limit.setFullYear(limit.getFullYear() - 2); lapsed = new Date(e) < limit; }
    warning.hidden = !lapsed;
  }
  form.addEventListener('change', update);
  update();
  // After a check, the summary takes the focus: the errors (with links to the fields) or the confirmation.
  var summary = document.getElementById('foutmeldingen') || document.getElementById('controle');
  if (summary) summary.focus();
})();
