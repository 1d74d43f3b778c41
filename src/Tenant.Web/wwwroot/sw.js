// Schoolplein service worker: offline reading, an offline page, and web push (show the notification; a
// click opens the post). Served from the site root, so its scope (and its caches) are this school's host only.
//
// Offline reading: the last timeline page and the last agenda page a signed-in user saw are kept in a cache of
// their own ("schoolplein-pages-" + the user id the layout puts on <body data-user>). A cached copy is only
// shown to that same user: the id of whoever was signed in last is kept too. Signing out (the POST to
// /Account/SignOut), the sign-in page, or a kept page shown without a signed-in user delete every personal cache.
'use strict';
var SHELL = 'schoolplein-offline-v2';
var ASSETS = 'schoolplein-assets';
var PAGES = 'schoolplein-pages-';
var WHO = 'schoolplein-who';
var OFFLINE = '/offline';
var KEPT = ['/', '/agenda'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll([OFFLINE, '/css/site.css']);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf('schoolplein-offline-') === 0 && key !== SHELL; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function forget() {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf(PAGES) === 0 || key === WHO; })
      .map(function (key) { return caches.delete(key); }));
  });
}

function who() {
  return caches.open(WHO).then(function (cache) { return cache.match('/who'); })
    .then(function (answer) { return answer ? answer.text() : null; });
}

// Keeps a copy of a page for its user (and forgets everything when no one is signed in on it).
function keep(path, response) {
  return response.text().then(function (html) {
    var user = /<body[^>]* data-user="([0-9a-f]{32})"/.exec(html);
    if (!user) { return forget(); }
    return who().then(function (last) {
      return last === user[1] ? null : forget();
    }).then(function () {
      return Promise.all([
        caches.open(WHO).then(function (cache) { return cache.put('/who', new Response(user[1])); }),
        caches.open(PAGES + user[1]).then(function (cache) {
          return cache.put(path, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
        })
      ]);
    });
  });
}

// The kept copy of the page, marked so that the page shows it is an offline copy.
function kept(path) {
  return who().then(function (user) {
    return user ? caches.open(PAGES + user).then(function (cache) { return cache.match(path); }) : null;
  }).then(function (copy) {
    return copy && copy.text().then(function (html) {
      return new Response(html.replace('<body', '<body data-offline-copy'), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === 'POST' && url.pathname === '/Account/SignOut') {
    event.waitUntil(forget());
    return;
  }
  if (request.method !== 'GET') { return; }
  if (request.mode === 'navigate') {
    var path = KEPT.indexOf(url.pathname) >= 0 ? url.pathname : null;
    event.respondWith(fetch(request).then(function (response) {
      var html = (response.headers.get('Content-Type') || '').indexOf('text/html') === 0;
      if (path && html && response.status === 200) {
        event.waitUntil(keep(path, response.clone()));
      } else if (url.pathname === '/Account/SignIn') {
        event.waitUntil(forget());
      }
      return response;
    }).catch(function () {
      return (path ? kept(path) : Promise.resolve(null)).then(function (copy) { return copy || caches.match(OFFLINE); });
    }));
    return;
  }
  // Styles, scripts and icons: from the network, a copy kept for offline pages (any version will do there).
  if (/^\/(css|js)\/|^\/icons\.svg$/.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(ASSETS).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
    }));
  }
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
