// Push messages on this device: the button on the settings page subscribes or unsubscribes. The same code serves
// the offer on the page that confirms a sick report, leave request or question (#push-offer): it shows only where
// push can work and the parent has neither refused nor subscribed, and the browser asks permission only on its button.
// Nothing here asks on load.
(function () {
  var box = document.getElementById('push-settings') || document.getElementById('push-offer');
  if (!box) {
    return;
  }
  var offer = box.id === 'push-offer';
  var button = box.querySelector('button');
  var status = box.querySelector('[data-push-status]');
  var token = box.getAttribute('data-token');
  function say(name) {
    status.textContent = box.getAttribute('data-text-' + name);
  }
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    say('unsupported');
    return;
  }
  if (offer && Notification.permission === 'denied') {
    return;
  }
  function base64UrlToBytes(value) {
    var padded = (value + '===='.slice((value.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
    });
  }
  function show(subscribed) {
    // The offer has done its work once subscribed: only the confirmation stays.
    button.hidden = offer && subscribed;
    button.textContent = box.getAttribute(subscribed ? 'data-text-turn-off' : 'data-text-turn-on');
    button.setAttribute('aria-pressed', subscribed ? 'true' : 'false');
    say(subscribed ? 'on' : 'off');
  }
  navigator.serviceWorker.register('/sw.js').then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    return registration.pushManager.getSubscription().then(function (current) {
      if (offer) {
        if (current) {
          return;
        }
        box.hidden = false;
      }
      show(!!current);
      button.addEventListener('click', function () {
        button.disabled = true;
        registration.pushManager.getSubscription().then(function (existing) {
          if (existing) {
            return post('/api/v1/push/subscriptions/delete', { endpoint: existing.endpoint })
              .then(function () { return existing.unsubscribe(); })
              .then(function () { show(false); });
          }
          return Notification.requestPermission().then(function (permission) {
            if (permission !== 'granted') {
              say('denied');
              return;
            }
            return fetch('/api/v1/push/key', { credentials: 'same-origin' })
              .then(function (response) { return response.json(); })
              .then(function (key) {
                return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key.publicKey) });
              })
              .then(function (subscription) { return post('/api/v1/push/subscriptions', subscription.toJSON()); })
              .then(function () { show(true); });
          });
        }).catch(function () {
          say('failed');
        }).then(function () {
          button.disabled = false;
        });
      });
    });
  }).catch(function () {
    say('unsupported');
  });
})();
