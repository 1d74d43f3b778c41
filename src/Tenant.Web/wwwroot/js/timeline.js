// Timeline cards, progressively enhanced: every link and form works without this script.
(function () {
  'use strict';

  // ---- Lightbox: close, previous/next (buttons, arrow keys, swipe), download. Opening pushes a history
  // entry, so "back" (also the installed app's back gesture) closes it.
  var box = null, image, counter, download, list = [], index = 0, texts = {};

  function button(className, label, text) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.setAttribute('aria-label', label);
    b.textContent = text;
    return b;
  }

  function build(source) {
    texts = source.dataset;
    box = document.createElement('dialog');
    box.className = 'lightbox';
    image = document.createElement('img');
    counter = document.createElement('p');
    counter.className = 'lb-count';
    counter.setAttribute('aria-live', 'polite');
    download = document.createElement('a');
    download.className = 'lb-download button small';
    download.setAttribute('download', '');
    download.textContent = texts.download;
    var close = button('lb-close', texts.close, '×');
    var prev = button('lb-prev', texts.prev, '‹');
    var next = button('lb-next', texts.next, '›');
    close.addEventListener('click', function () { history.back(); });
    prev.addEventListener('click', function () { show(index - 1); });
    next.addEventListener('click', function () { show(index + 1); });
    // Close first: the dialog focuses it on opening.
    box.append(close, image, counter, prev, next, download);
    // Escape: leave through history, so the entry pushed on opening is used up.
    box.addEventListener('cancel', function (event) { event.preventDefault(); history.back(); });
    box.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowLeft') { show(index - 1); } else if (event.key === 'ArrowRight') { show(index + 1); }
    });
    var startX = null;
    box.addEventListener('pointerdown', function (event) { startX = event.clientX; });
    box.addEventListener('pointerup', function (event) {
      if (startX === null) { return; }
      var dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 50) { show(dx < 0 ? index + 1 : index - 1); }
    });
    document.body.append(box);
  }

  function show(i) {
    if (list.length === 0) { return; }
    index = (i + list.length) % list.length;
    var link = list[index];
    image.src = link.href;
    image.alt = link.querySelector('img').alt;
    download.href = link.href;
    counter.textContent = texts.counter.replace('{0}', index + 1).replace('{1}', list.length);
    box.querySelector('.lb-prev').hidden = box.querySelector('.lb-next').hidden = list.length < 2;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('ul[data-lightbox] a');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    var source = link.closest('ul[data-lightbox]');
    if (typeof HTMLDialogElement !== 'function') { return; }
    event.preventDefault();
    if (!box) { build(source); }
    texts = source.dataset;
    box.setAttribute('aria-label', texts.title);
    list = Array.prototype.slice.call(source.querySelectorAll('a'));
    show(list.indexOf(link));
    history.pushState({ lightbox: true }, '');
    box.showModal();
  });

  window.addEventListener('popstate', function () {
    if (box && box.open) { box.close(); }
  });

  // ---- "Lees meer"
  document.querySelectorAll('.post-body[data-fold]').forEach(function (body) {
    // Fold only what is clearly longer than the folded height: "Lees meer" for one more line helps nobody.
    var words = body.closest('[data-more]');
    if (!words) { return; }
    body.classList.add('folded');
    if (body.scrollHeight <= body.clientHeight * 1.6) { body.classList.remove('folded'); return; }
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'link read-more';
    toggle.textContent = words.dataset.more;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', function () {
      var folded = body.classList.toggle('folded');
      toggle.textContent = folded ? words.dataset.more : words.dataset.less;
      toggle.setAttribute('aria-expanded', String(!folded));
    });
    body.after(toggle);
  });

  // ---- Like without a reload
  // Every card's like button submits the page's one form#likes. From the page the server answers with, the
  // card's like block and the form's fresh one-time key are taken. One like at a time (one key at a time).
  // Capture phase: runs before app.js's double-submit guard, which leaves a prevented submit alone.
  document.addEventListener('submit', function (event) {
    var form = event.target, button = event.submitter;
    if (!(form instanceof HTMLFormElement) || form.id !== 'likes' || form.dataset.plain || !button || !window.fetch || !window.DOMParser) { return; }
    var holder = button.closest('.like'), card = button.closest('article');
    if (!holder || !card) { return; }
    event.preventDefault();
    if (form.dataset.sending) { return; }
    form.dataset.sending = 'true';
    button.disabled = true;
    var body = new FormData(form);
    body.append(button.name, button.value);
    fetch(button.formAction, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById(card.id);
        fresh = fresh && fresh.querySelector('.like');
        var fields = page.getElementById('likes');
        if (!fresh || !fields) { throw new Error('no like form'); }
        form.replaceChildren.apply(form, Array.prototype.map.call(fields.children, function (n) { return document.importNode(n, true); }));
        var adopted = document.importNode(fresh, true);
        holder.replaceWith(adopted);
        delete form.dataset.sending;
        adopted.querySelector('button').focus();
      })
      .catch(function () {
        // Not the quiet path: send the form the ordinary way, the server answers as without script.
        button.disabled = false;
        delete form.dataset.sending;
        form.dataset.plain = 'true';
        form.requestSubmit(button);
      });
  }, true);
  // ---- "N nieuwe berichten": asked every minute on the first page (not while hidden, at once when shown).
  var news = document.querySelector('[data-new-posts]');
  if (news && window.fetch) {
    var timer = null, asking = false;
    var ask = function () {
      if (asking || document.visibilityState !== 'visible') { return; }
      asking = true;
      fetch(news.dataset.newPosts, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          var count = answer && answer.count;
          if (!count) { return; }
          var text = count === 1 ? news.dataset.one : news.dataset.other.replace('{0}', String(count));
          var go = news.querySelector('button');
          if (!go) {
            go = document.createElement('button');
            go.type = 'button';
            go.className = 'small';
            go.addEventListener('click', function () { location.assign(news.dataset.href); });
            news.append(go);
          }
          if (go.textContent !== text) { go.textContent = text; }
        })
        .catch(function () { /* offline or signed out: try again at the next tick */ })
        .then(function () { asking = false; });
    };
    var start = function () { if (timer === null) { timer = setInterval(ask, 60000); } };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') { ask(); start(); } else { clearInterval(timer); timer = null; }
    });
    start();
  }
})();
