// Shows the "call the school" note as soon as a phone-only reason is chosen (the server says it too).
document.querySelectorAll('select[data-phone-only-target]').forEach(function (select) {
  var note = document.getElementById(select.getAttribute('data-phone-only-target'));
  function update() {
    var option = select.options[select.selectedIndex];
    note.hidden = !(option && option.getAttribute('data-phone-only') === 'true');
  }
  select.addEventListener('change', update);
  update();
});
