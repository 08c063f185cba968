// Case page: the flowchart scrolls by itself (it is wider than most screens); start it with the current step in the
// middle instead of at the procedure's first step.
(function () {
  var region = document.querySelector('.stroom');
  var active = region && region.querySelector('.actief');
  if (!active) return;
  var box = active.getBoundingClientRect(), frame = region.getBoundingClientRect();
  region.scrollLeft += (box.left + box.width / 2) - (frame.left + frame.width / 2);
})();
