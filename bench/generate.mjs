// Generates a valid plan of format v1 with N work items and N links, using
// the demo plan's units and stages: items spread over all units, links from
// municipal and affiliated items to district items (distinct units, one link
// per pair). Deterministic. `node bench/generate.mjs 5000 > plan.json`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function generatePlan(n) {
  const demo = JSON.parse(fs.readFileSync(path.join(root, 'src/model/demo_plan.json'), 'utf8'));
  let seed = 12345;
  const rand = (k) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const cats = ['key-work', 'work-brand', 'activity-brand', 'resource-sharing'];
  const units = demo.units;
  const items = [];
  for (let i = 0; i < n; i++) {
    const unit = units[i % units.length];
    items.push({
      id: `g-${i}`,
      unit: unit.id,
      stage: demo.stages[rand(demo.stages.length)].id,
      title: `${unit.level === 'district' ? 'District work item' : 'Program'} ${i}: science outreach 科普活动`,
      category: cats[rand(4)],
      quarter: 1 + rand(4),
      budget: 10000 * (1 + rand(50)),
      demand: unit.level === 'district' ? 10000 * (1 + rand(40)) : 0,
    });
  }
  const givers = items.filter((i) => units.find((u) => u.id === i.unit).level !== 'district');
  const takers = items.filter((i) => units.find((u) => u.id === i.unit).level === 'district');
  const links = [];
  const seen = new Set();
  for (let k = 0; links.length < n && k < n * 20; k++) {
    const s = givers[rand(givers.length)];
    const t = takers[rand(takers.length)];
    const key = `${s.id}>${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ id: `gl-${links.length}`, source: s.id, target: t.id, amount: 1000 * (1 + rand(100)) });
  }
  return { ...demo, id: `bench-${n}`, title: `Benchmark plan, ${n} items`, revision: 1, items, links };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(JSON.stringify(generatePlan(Number(process.argv[2] || 1000)), null, 1));
}

// The next season's version of a generated plan: the same plan (same id, the
// next revision) differing from it in thousands of records, as a year's plan
// of a big city does from the one on the board: four items in five with a
// new budget, every other link with a new amount, and 500 new items, each
// with a link. Deterministic.
export function seasonOf(plan) {
  const next = structuredClone(plan);
  next.revision = (plan.revision ?? 0) + 1;
  next.items.forEach((item, i) => {
    if (i % 5 !== 0) item.budget += 10000;
  });
  next.links.forEach((link, i) => {
    if (i % 2 === 0) link.amount += 1000;
  });
  const level = new Map(next.units.map((u) => [u.id, u.level]));
  const district = next.units.filter((u) => u.level === 'district');
  const givers = next.items.filter((i) => level.get(i.unit) !== 'district');
  for (let k = 0; k < 500; k++) {
    const unit = district[k % district.length];
    const id = `season-${k}`;
    next.items.push({
      id,
      unit: unit.id,
      stage: next.stages[k % next.stages.length].id,
      title: `New district work item ${k}: science outreach 科普活动`,
      category: 'key-work',
      quarter: 1 + (k % 4),
      budget: 20000,
      demand: 30000,
    });
    next.links.push({ id: `season-link-${k}`, source: givers[(k * 7) % givers.length].id, target: id, amount: 5000 });
  }
  return next;
}
