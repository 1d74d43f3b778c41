// Registers the service worker (offline page, push messages) on every page of the school site.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(function () { /* no offline support; the site works as before */ });
}
