// What the screenshot tools share: a folder for the pictures, the built app served on
// loopback, a browser, and both closed however the run ends.
import { mkdir } from 'node:fs/promises';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';

/**
 * Makes `out`, serves dist/ and launches Chromium, runs `shoot(url, browser)`, closes
 * both, and says where the pictures are.
 */
export async function takeScreenshots(out, shoot) {
  await mkdir(out, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await shoot(server.url, browser);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`screenshots in ${out}/`);
}

/** Closes a page opened with `openApp`, printing any errors it recorded. */
export async function closeApp(app) {
  if (app.errors.length) console.error(app.errors.join('\n'));
  await app.close();
}
