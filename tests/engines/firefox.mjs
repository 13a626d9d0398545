// The journey's adapter for Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core
// (nothing downloaded: the browser is the system's).
import puppeteer from 'puppeteer-core';

/** Evaluates `fn` in the page until it gives a truthy value. Puppeteer's own waitForFunction
 * builds its poller with `new Function`, which the app's Content-Security-Policy refuses. */
async function poll(page, timeout, fn, args) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, ...args);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Firefox ESR: still false after ${timeout} ms: ${fn.name || fn} ${JSON.stringify(args)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const present = (selector) => {
  const el = document.querySelector(selector);
  return !!el && el.getClientRects().length > 0;
};

export async function openFirefox({ timeout }) {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, defaultViewport: { width: 1280, height: 900 },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  page.setDefaultTimeout(timeout);
  return {
    name: 'Firefox ESR',
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    click: async (selector) => {
      await poll(page, timeout, present, [selector]);
      await page.click(selector);
    },
    upload: async (selector, path) => {
      await poll(page, timeout, (s) => !!document.querySelector(s), [selector]);
      await (await page.$(selector)).uploadFile(path);
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    waitFor: (fn, ...args) => poll(page, timeout, fn, args),
    close: () => browser.close(),
  };
}
