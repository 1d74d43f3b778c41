// The service worker (offline copies, offline page, push messages), from every page of the school site.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(function () { /* no offline support; the site works as before */ });
}

// Offline (no network, or the service worker's offline copy): the notice shows, and a form sent then is refused
// with a message, nothing queued. Capture phase: before every other submit handler.
(function () {
  'use strict';
  var notice = document.querySelector('p.offline');
  if (!notice) { return; }
  var copy = document.body.hasAttribute('data-offline-copy');
  function offline() { return copy || !navigator.onLine; }
  function update() { notice.hidden = !offline(); if (!notice.hidden && !notice.getAttribute('role')) { notice.setAttribute('role', 'status'); } }
  window.addEventListener('online', function () { if (copy) { location.reload(); } else { update(); } });
  window.addEventListener('offline', update);
  update();
  document.addEventListener('submit', function (event) {
    if (!offline()) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    notice.textContent = notice.dataset.refused;
    notice.setAttribute('role', 'alert');
    notice.hidden = false;
  }, true);
})();

// A form being sent is not sent again by a second tap: its buttons are disabled (data-sending: "sending…").
// Only saves the trip: every form's one-time key is the real guard against a repeat.
(function () {
  'use strict';
  function buttons(form) {
    return form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]');
  }
  function reset(form) {
    delete form.dataset.sending;
    buttons(form).forEach(function (button) {
      button.disabled = false;
      if (button.dataset.label) { button.textContent = button.dataset.label; }
    });
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.getAttribute('method') || '').toLowerCase() !== 'post') { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    if (event.defaultPrevented) { return; }
    form.dataset.sending = 'true';
    // After the browser took the values: a disabled button drops the pressed button's name and value (a conference slot).
    setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
        if (button.dataset.sending) { button.dataset.label = button.textContent; button.textContent = button.dataset.sending; }
      });
    }, 0);
    // A download or a failed connection stays on the page: usable again after a while.
    setTimeout(function () { reset(form); }, 10000);
  });
  // A page back from the browser's memory: its forms are usable again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { document.querySelectorAll('form[data-sending]').forEach(reset); }
  });
})();

// The timeline's side column: fetched only where CSS shows it (wide screens, now or after a resize), so phones skip
// its queries. Without script there is none; the tabs lead to the same pages.
(function () {
  var slot = document.querySelector('[data-side]'), wide = matchMedia('(min-width: 1024px)');
  function load() {
    if (!wide.matches || !slot.dataset.side) { return; }
    var url = slot.dataset.side;
    delete slot.dataset.side;
    fetch(url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) { if (html) { slot.outerHTML = html; } }, function () {});
  }
  if (slot) { load(); wide.addEventListener('change', load); }
})();

// Install prompt (#install) when the browser offers it; "Niet nu" is kept.
(function () {
  var bar = document.getElementById('install');
  if (!bar || matchMedia('(display-mode: standalone)').matches || localStorage.installLater) { return; }
  addEventListener('beforeinstallprompt', function (e) {
    var b = bar.querySelectorAll('button');
    e.preventDefault();
    bar.hidden = false;
    b[0].onclick = function () { bar.hidden = true; e.prompt(); };
    b[1].onclick = function () { bar.hidden = true; localStorage.installLater = 1; };
  });
})();
