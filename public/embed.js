/* Repère embed — turns <div data-repere data-ref="…" data-lang="fr" data-ns="…"></div> into the
   Repère iframe and keeps its height right. Results reach the host page only after the candidate
   presses « Transmettre mes résultats »: listen for the `repere:results` event on the div
   (event.detail = {type, version: 1, results: [{referential, score, readiness, completeness}]},
   one result per referential in rank order, ratios in [0, 1]: `score` the match that ranks them,
   `readiness` the share of what the referential expects that the candidate reaches,
   `completeness` the share of its items with a level).
   A referential of your own (a `repere.referential` file made by a trainer in Repère, SPEC §13):
   data-referential="<URL of the file on your site>". This page fetches it and posts it into the
   frame once the frame says it is ready; the frame checks it like an import, keeps it in the
   embed's namespace and opens its positioning. If the file cannot be fetched, a `repere:error`
   event is sent on the div (event.detail = {message}).
   Messages from any other window or origin are ignored. No dependency. */
(function () {
  'use strict';
  var script = document.currentScript;
  var appUrl = new URL('index.html', script ? script.src : location.href);

  // The file, fetched once per div however many times the frame asks (it asks on each load).
  function referentialOf(div) {
    var url = div.getAttribute('data-referential');
    if (!url) return null;
    return fetch(new URL(url, location.href).href, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      });
  }

  function mount(div) {
    if (div.getAttribute('data-repere-mounted')) return;
    div.setAttribute('data-repere-mounted', '1');
    var src = new URL(div.getAttribute('data-src') || appUrl.href, location.href);
    src.searchParams.set('embed', '1');
    ['ref', 'lang', 'ns'].forEach(function (k) {
      var v = div.getAttribute('data-' + k);
      if (v) src.searchParams.set(k, v);
    });
    var referential = referentialOf(div);
    if (referential) {
      src.searchParams.set('referential', '1');
      referential.catch(function (e) {
        div.dispatchEvent(new CustomEvent('repere:error', { detail: { message: 'Repère: data-referential: ' + e.message }, bubbles: true }));
      });
    }
    src.searchParams.set('parent', location.origin);
    var iframe = document.createElement('iframe');
    iframe.src = src.href;
    iframe.title = div.getAttribute('data-title') || 'Repère : se positionner sur les métiers du e-commerce';
    iframe.style.cssText = 'display:block;width:100%;min-height:480px;border:0';
    div.appendChild(iframe);
    window.addEventListener('message', function (e) {
      if (e.source !== iframe.contentWindow || e.origin !== src.origin) return;
      var d = e.data;
      if (!d || typeof d !== 'object') return;
      if (d.type === 'repere:resize' && typeof d.height === 'number' && d.height > 0 && d.height < 100000) {
        iframe.style.height = Math.ceil(d.height) + 'px';
      } else if (d.type === 'repere:results' && d.version === 1 && Array.isArray(d.results)) {
        div.dispatchEvent(new CustomEvent('repere:results', { detail: d, bubbles: true }));
      } else if (d.type === 'repere:ready' && d.version === 1 && referential) {
        referential.then(function (file) {
          // Only to the app's origin: nobody else receives the file.
          iframe.contentWindow.postMessage({ type: 'repere:referential', version: 1, referential: file }, src.origin);
        }, function () {});
      }
    });
    return iframe;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-repere]'), mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  window.Repere = { mount: mount };
})();
