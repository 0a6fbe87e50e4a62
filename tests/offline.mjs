// A page that may load file:, data: and blob: URLs only: every other request is aborted and
// recorded, so a test can open a downloaded report from disk and check it needed no network.
import { pathToFileURL } from 'node:url';

/** Opens `path` (a local HTML file) in a new page of `context` with the network blocked. */
export async function openOffline(context, path) {
  const page = await context.newPage();
  const blocked = [];
  const errors = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(pathToFileURL(path).href);
  return { page, blocked, errors };
}

/** The live report's topic table as shown (hidden rows left out): {Topic, Count, Name, words}. */
export function liveTable(page) {
  return page.$$eval('#topics-body tr:not(.hidden)', (trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent);
    return { Topic: Number(cells[0]), Count: Number(cells[1]), Name: cells[3], words: cells[4].split(', ') };
  }));
}
