// Schoolplein service worker: an offline page for navigations, and web push (show the
// notification; a click opens the post). Served from the site root so its scope is the whole school site.
'use strict';
var CACHE = 'schoolplein-offline-v1';
var OFFLINE = '/offline';

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([OFFLINE, '/css/site.css']);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

// Only page navigations fall back to the offline page; everything else goes to the network as usual.
self.addEventListener('fetch', function (event) {
  if (event.request.mode !== 'navigate') {
    return;
  }
  event.respondWith(fetch(event.request).catch(function () {
    return caches.match(OFFLINE);
  }));
});

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(data.title || self.registration.scope, {
    body: data.body || '',
    tag: data.tag,
    icon: '/app/icon-192.png',
    data: { url: data.url || '/' }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  // Only pages of this school's own site are opened.
  if (target.origin !== self.location.origin) {
    target = new URL('/', self.location.origin);
  }
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === target.href && 'focus' in windows[i]) {
        return windows[i].focus();
      }
    }
    return self.clients.openWindow(target.href);
  }));
});
