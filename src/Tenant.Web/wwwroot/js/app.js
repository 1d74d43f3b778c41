// Registers the service worker (offline copies, offline page, push messages) on every page of the school site.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(function () { /* no offline support; the site works as before */ });
}

// Offline: the notice shows while the network is gone or the page is the service worker's offline copy, and a
// form sent then is refused with a message (nothing is queued). Capture phase: before every other submit handler.
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

// A form that is being sent is not sent again by a second tap: its buttons are disabled (and may
// say "sending…" through data-sending). The server is the real guard: every rendered form carries
// a one-time key, so a repeat that gets through has no second effect. This only saves the trip.
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
    // After the browser has taken the form's values: a disabled button would drop the pressed
    // button's name and value (e.g. which conference slot was chosen).
    setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
        if (button.dataset.sending) { button.dataset.label = button.textContent; button.textContent = button.dataset.sending; }
      });
    }, 0);
    // A download, or a connection that failed, leaves the page where it is: usable again after a while.
    setTimeout(function () { reset(form); }, 10000);
  });
  // Back to a page the browser kept in memory: its forms are usable again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { document.querySelectorAll('form[data-sending]').forEach(reset); }
  });
})();

// The install prompt (#install, on the timeline from the second visit on) once the browser offers installing.
(function () {
  var bar = document.getElementById('install');
  if (!bar || matchMedia('(display-mode: standalone)').matches || localStorage.getItem('install-later')) { return; }
  addEventListener('beforeinstallprompt', function (event) {
    var b = bar.querySelectorAll('button');
    event.preventDefault();
    bar.hidden = false;
    b[0].onclick = function () { bar.hidden = true; event.prompt(); };
    b[1].onclick = function () { bar.hidden = true; localStorage.setItem('install-later', '1'); };
  });
})();
