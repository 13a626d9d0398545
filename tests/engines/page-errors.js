// Loaded first by the page the engine journeys open (tests/engines/run.mjs adds it to
// index.html): records every uncaught error, unhandled rejection and console.error in
// `window.__pageErrors`, so that the journey can say « no page error » through any WebDriver,
// classic or BiDi, with one check.
(function () {
  'use strict';
  var errors = (window.__pageErrors = []);
  window.addEventListener('error', function (e) {
    errors.push('error: ' + (e.error && e.error.stack ? e.error.stack : e.message));
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + (e.reason && e.reason.stack ? e.reason.stack : String(e.reason)));
  });
  var consoleError = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
})();
