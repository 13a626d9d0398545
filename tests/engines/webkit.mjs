// The journey's adapter for Debian's WebKitGTK: WebKitWebDriver (webkit2gtk-driver) drives
// MiniBrowser in automation mode, over classic WebDriver with selenium-webdriver. MiniBrowser
// needs a display: run under `xvfb-run -a`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Builder, By, error, until } from 'selenium-webdriver';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A port free right now, for WebKitWebDriver to listen on. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver; resolves once it answers `/status`. */
async function startDriver(timeout) {
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  driver.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => driver.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const up = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (up) return { url, stop: () => { driver.kill(); return exited; } };
    const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, 'running'))]);
    if (code !== 'running') throw new Error(`WebKitWebDriver exited (${code}): ${stderr}`);
    if (Date.now() > deadline) { driver.kill(); throw new Error(`WebKitWebDriver did not answer on ${url}: ${stderr}`); }
  }
}

export async function openWebKit({ timeout }) {
  const server = await startDriver(timeout);
  let driver;
  try {
    driver = await new Builder().usingServer(server.url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
  } catch (e) {
    await server.stop();
    throw e;
  }
  await driver.manage().setTimeouts({ script: timeout, pageLoad: timeout });
  const click = async (selector) => {
    // The app may render the element again between finding and clicking it: find it anew.
    await driver.wait(async () => {
      try {
        await (await driver.wait(until.elementLocated(By.css(selector)), timeout)).click();
        return true;
      } catch (e) {
        if (e instanceof error.StaleElementReferenceError) return false;
        throw e;
      }
    }, timeout, `click ${selector}`);
  };
  return {
    name: 'WebKitGTK',
    goto: (url) => driver.get(url),
    reload: () => driver.navigate().refresh(),
    click,
    // A file input takes the file's path as keys (WebDriver's element send keys).
    upload: async (selector, path) => (await driver.wait(until.elementLocated(By.css(selector)), timeout)).sendKeys(path),
    evaluate: (fn, ...args) => driver.executeScript(fn, ...args),
    waitFor: (fn, ...args) => driver.wait(async () => driver.executeScript(fn, ...args), timeout, `${fn.name || fn} ${JSON.stringify(args)}`),
    close: async () => {
      await driver.quit();
      await server.stop();
    },
  };
}
