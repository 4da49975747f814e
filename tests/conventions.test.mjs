// What the reader sees follows the reader's conventions: local times in the
// interface's date format, CSV headers and stage names in the interface's
// language, and a printed plan that says what it is (title, year, revision,
// print date, page numbers, districts not reached, pools) with headers that
// never break inside a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { OUTPUT_DIR } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { saved, storedPlan } from './support/board.mjs';

useBoard();
const plan = demoPlan();

test('Plans & files shows when each plan changed in local time, in the interface format', async () => {
  for (const [locale, pattern] of [
    ['en-US', /r\d+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/],
    ['zh-CN', /r\d+ · \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/],
  ]) {
    await withBoard({ locale }, async ({ page }) => {
      await saved(page);
      await page.locator('[data-testid="plans-toggle"]').click();
      const entry = page.locator('.plan-entry-title').first();
      const text = await entry.textContent();
      assert.match(text, pattern);
      assert.doesNotMatch(text, /T\d{2}:\d{2}|Z\b/, 'no raw UTC stamp');
      // The hour shown is the browser's local hour of the stored time.
      const stamp = JSON.parse(await storedPlan(page)).updated_at;
      const local = await page.evaluate((s) => String(new Date(s).getHours()).padStart(2, '0'), stamp);
      assert.match(text, new RegExp(` ${local}:`));
    });
  }
});

test('the items CSV has Chinese headers and stage names in the Chinese interface, ids in their own columns', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await page.locator('[data-testid="plans-toggle"]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv-items"]').click()]);
  const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const [head, ...rows] = text.trim().split('\r\n');
  const columns = head.split(',');
  for (const name of ['单位编号', '单位', '事项编号', '标题', '阶段编号', '阶段', '自有预算', '需求']) {
    assert.ok(columns.includes(name), `header "${name}" in ${head}`);
  }
  assert.doesNotMatch(head, /[A-Za-z]{3,}/, 'no English header');
  const stageName = columns.indexOf('阶段');
  const stageId = columns.indexOf('阶段编号');
  const first = rows[0].split(',');
  const stage = plan.stages.find((s) => s.id === first[stageId]);
  assert.ok(stage, 'the stage id column holds an id');
  assert.equal(first[stageName], stage.name_zh, 'the stage by its Chinese name');
}));

test('the printed plan carries title, year, revision, print date, page numbers, unreached districts and pools; its headers do not break words', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('[data-testid="print-doc"]').waitFor({ state: 'attached' });
  fs.mkdirSync(`${OUTPUT_DIR}/screenshots`, { recursive: true });
  const pdf = `${OUTPUT_DIR}/screenshots/plan-print-zh.pdf`;
  // The page's own margins (as Ctrl+P uses them): the page number sits in the bottom one.
  await page.pdf({ path: pdf, format: 'A4', printBackground: false, preferCSSPageSize: true, margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' } });
  // -layout keeps each printed line together (a label beside its value).
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const squash = (s) => s.replace(/\s+/g, '');
  const all = squash(text);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  });
  assert.ok(all.includes(squash(stored.title)), 'title');
  assert.ok(all.includes(`年度${stored.year}`), 'year');
  assert.ok(all.includes(`版本${stored.revision}`), 'revision');
  assert.ok(all.includes(`打印日期${today}`), `print date ${today}`);
  assert.ok(all.includes('尚未覆盖'), 'the districts not reached');
  const unreached = stored.units.filter((u) => u.level === 'district' && !stored.links.some((l) => stored.items.find((i) => i.id === l.target)?.unit === u.id));
  for (const u of unreached) assert.ok(all.includes(u.name_zh), `${u.name_zh} named as not reached`);
  for (const u of stored.units.filter((u) => u.pool != null)) assert.ok(all.includes(`${u.name_zh}可下沉资源`), `${u.name_zh}'s pool`);
  const pages = Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2);
  // pdftotext writes the footer "1 / 3" without its spaces.
  assert.ok(all.includes(`1/${pages}`) && all.includes(`${pages}/${pages}`), 'page numbers');
  // Every column header is printed whole, on one line.
  for (const header of ['标题', '阶段', '自有预算', '需求', '已获得', '联动']) {
    if (all.includes(header)) assert.ok(text.includes(header), `"${header}" is not broken`);
  }
  assert.ok(text.includes('自有预算'), 'the budget header is whole');
}));
