// What an editor's browser downloads for back-office screens on a first visit (cache off), as Chromium loads them at
// 1280 x 900 until the network is idle: requests and bytes on the wire (compressed, headers included), from the
// DevTools protocol. Images the page marks loading="lazy" count only when the browser fetches them.
// Usage: PLAYWRIGHT_CORE=<path to playwright-core/index.mjs> node bench/editor-weight.mjs BASE EMAIL PASSWORD PATH...
// Prints one line per path: "browser-weight PATH REQUESTS BYTES".
const [base, email, password, ...paths] = process.argv.slice(2);
const { chromium } = await import(process.env.PLAYWRIGHT_CORE);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
const login = await context.newPage();
await login.goto(`${base}/backoffice/inloggen`);
await login.getByLabel("E-mailadres").fill(email);
await login.getByLabel("Wachtwoord").fill(password);
await login.getByRole("button", { name: "Inloggen" }).click();
await login.waitForURL(/\/backoffice\/(?!inloggen)/);
for (const path of paths) {
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send("Network.enable");
  await devtools.send("Network.setCacheDisabled", { cacheDisabled: true });
  const received = new Map();
  devtools.on("Network.loadingFinished", (e) => received.set(e.requestId, e.encodedDataLength));
  await page.goto(base + path, { waitUntil: "networkidle" });
  const bytes = [...received.values()].reduce((sum, n) => sum + n, 0);
  console.log(`browser-weight ${path} ${received.size} ${bytes}`);
  await page.close();
}
await browser.close();
