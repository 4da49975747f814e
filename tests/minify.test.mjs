// The release build minifies its stylesheet and JS (scripts/minify.mjs):
// what the browser reads of the shipped stylesheet must be what it reads of
// style/main.css, rule for rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { minifyCss } from '../scripts/minify.mjs';
import { launchBrowser, REPO_ROOT } from './support/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('comments and white space go; strings, a selector’s space before a colon and every value stay', () => {
  const css = `/* theme */
:root {
  --ink : #000000 ;
  --gap:  1rem  2rem;
}
a :hover ,  b > c:focus-visible { content: "  two  spaces; {not a block}"; color: var( --ink ) }
@media (max-width: 600px) { .x { margin: 0 auto ; } }
`;
  assert.equal(
    minifyCss(css),
    ':root{--ink :#000000;--gap:1rem 2rem}a :hover,b>c:focus-visible{content:"  two  spaces; {not a block}";color:var( --ink )}@media (max-width: 600px){.x{margin:0 auto}}',
  );
  assert.throws(() => minifyCss('a { color: red } /* open'), /comment/);
  assert.throws(() => minifyCss('a { content: "open }'), /string/);
});

test('the shipped stylesheet reads, rule for rule, as style/main.css', async () => {
  const dist = path.join(REPO_ROOT, 'dist');
  const shipped = fs.readdirSync(dist).find((f) => /^main-.*\.css$/.test(f));
  assert.ok(shipped, 'dist/ has the stylesheet');
  const source = fs.readFileSync(path.join(REPO_ROOT, 'style/main.css'), 'utf8');
  const built = fs.readFileSync(path.join(dist, shipped), 'utf8');
  assert.ok(built.length < source.length * 0.85, `the shipped stylesheet is minified: ${built.length} of ${source.length} bytes`);
  const page = await browser.newPage();
  try {
    const read = (text) =>
      page.evaluate((text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        // A rule's text as the browser writes it back: its selector or
        // condition, every declaration and every rule inside it. A value
        // with var() is kept as written, so the space after its commas,
        // which nothing reads, is left out of the comparison.
        return [...sheet.cssRules].map((r) => r.cssText.replace(/,\s+/g, ','));
      }, text);
    const want = await read(source);
    const got = await read(built);
    assert.ok(want.length > 200, `style/main.css has its rules: ${want.length}`);
    assert.deepEqual(got, want);
  } finally {
    await page.close();
  }
});
