// An independent reading of the plan format's tally rules (README of
// ../shared/plan-format), used as the oracle for what the board must show,
// and the storage keys under which the app keeps plans.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';

export const STORAGE_PREFIX = 'linkage-board:v1:';
export const planKey = (id) => `${STORAGE_PREFIX}plan:${id}`;
export const CURRENT_KEY = `${STORAGE_PREFIX}current`;

export function demoPlan() {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src/model/demo_plan.json'), 'utf8'));
}

/** Tallies as the format README defines them, with BigInt sums. */
export function tallies(plan) {
  const items = {};
  const unitOf = {};
  for (const it of plan.items) {
    items[it.id] = { budget: BigInt(it.budget), demand: BigInt(it.demand), received: 0n, given: 0n, gap: 0n };
    unitOf[it.id] = it.unit;
  }
  const reached = new Set();
  for (const l of plan.links) {
    items[l.target].received += BigInt(l.amount);
    items[l.source].given += BigInt(l.amount);
    reached.add(unitOf[l.target]);
  }
  for (const t of Object.values(items)) t.gap = t.demand - t.received;
  const units = {};
  const fields = ['budget', 'demand', 'received', 'given', 'gap'];
  for (const u of plan.units) {
    const t = Object.fromEntries(fields.map((f) => [f, 0n]));
    for (const it of plan.items.filter((i) => i.unit === u.id)) for (const f of fields) t[f] += items[it.id][f];
    if (u.pool !== undefined) {
      t.pool = BigInt(u.pool);
      t.remaining = t.pool - t.given;
    }
    units[u.id] = t;
  }
  const total = Object.fromEntries(fields.map((f) => [f, 0n]));
  total.pool = 0n;
  total.remaining = 0n;
  for (const t of Object.values(units)) {
    for (const f of fields) total[f] += t[f];
    if (t.pool !== undefined) {
      total.pool += t.pool;
      total.remaining += t.remaining;
    }
  }
  const districts = plan.units.filter((u) => u.level === 'district');
  const coverage = { covered: districts.filter((d) => reached.has(d.id)).length, districts: districts.length };
  return { items, units, plan: total, coverage };
}

/** Every tally figure on the page: { "unit:bast:budget": "123", ... }. */
export async function shownTallies(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-tally][data-value]')) {
      out[el.dataset.tally] = el.dataset.value;
    }
    const cov = document.querySelector('[data-tally="plan:coverage"]');
    if (cov) out['plan:coverage'] = `${cov.dataset.covered}/${cov.dataset.districts}`;
    return out;
  });
}

/** Opens `plan` as the plan stored in the browser, then reloads. */
export async function storePlan(page, plan) {
  const text = typeof plan === 'string' ? plan : JSON.stringify(plan);
  const id = typeof plan === 'string' ? JSON.parse(text.replace(/^\uFEFF/, '')).id : plan.id;
  await page.evaluate(
    ([key, text, currentKey, id]) => {
      localStorage.setItem(key, text);
      localStorage.setItem(currentKey, id);
    },
    [planKey(id), text, CURRENT_KEY, id],
  );
}
