// The plain-JS baseline: reads the same stored plan, computes the same
// tallies and writes the same card markup with DOM calls, no framework.
(function () {
  const id = localStorage.getItem('linkage-board:v1:current');
  const plan = JSON.parse(localStorage.getItem(`linkage-board:v1:plan:${id}`) || 'null') || window.DEMO;
  const t0 = performance.now();
  const items = new Map();
  for (const i of plan.items) items.set(i.id, { budget: i.budget, demand: i.demand, received: 0, given: 0, links: 0 });
  for (const l of plan.links) {
    items.get(l.target).received += l.amount;
    items.get(l.target).links++;
    items.get(l.source).given += l.amount;
    items.get(l.source).links++;
  }
  const fmt = (n) => n.toLocaleString('en-US');
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const figure = (scope, field, label, value) => {
    const d = el('div', 'figure');
    d.dataset.field = field;
    d.append(el('dt', '', label));
    const dd = el('dd', '', fmt(value));
    dd.dataset.tally = `${scope}:${field}`;
    dd.dataset.value = String(value);
    d.append(dd);
    return d;
  };
  const rank = { municipal: 0, district: 1, affiliate: 2 };
  const units = [...plan.units].sort((a, b) => rank[a.level] - rank[b.level]);
  const stages = new Map(plan.stages.map((s) => [s.id, s.name]));
  const main = el('main', 'board');
  main.dataset.testid = 'board';
  for (const u of units) {
    const col = el('section', `column ${u.level}`);
    col.dataset.unitId = u.id;
    col.dataset.column = `unit:${u.id}`;
    const head = el('header', 'column-head');
    head.append(el('p', 'level', u.level), el('h2', 'unit-name', u.name));
    const figs = el('dl', 'figures');
    const sum = { budget: 0, demand: 0, received: 0, given: 0 };
    for (const i of plan.items) if (i.unit === u.id) for (const k in sum) sum[k] += items.get(i.id)[k];
    for (const k in sum) figs.append(figure(`unit:${u.id}`, k, k, sum[k]));
    figs.append(figure(`unit:${u.id}`, 'gap', 'gap', sum.demand - sum.received));
    head.append(figs);
    col.append(head);
    const cards = el('div', 'cards');
    for (const i of plan.items) {
      if (i.unit !== u.id) continue;
      const t = items.get(i.id);
      const card = el('article', 'card');
      card.dataset.itemId = i.id;
      card.tabIndex = 0;
      card.append(el('span', 'grip', '⠿'), el('p', 'card-unit'), el('h3', 'card-title', i.title));
      const meta = el('p', 'card-meta');
      meta.append(el('span', 'stage', stages.get(i.stage)));
      if (t.links) meta.append(el('span', 'link-count', `${t.links} links`));
      card.append(meta);
      const f = el('dl', 'figures card-figures');
      f.append(figure(`item:${i.id}`, 'budget', 'Budget', t.budget), figure(`item:${i.id}`, 'demand', 'Demand', t.demand), figure(`item:${i.id}`, 'received', 'Received', t.received));
      card.append(f);
      cards.append(card);
    }
    col.append(cards);
    main.append(col);
  }
  const app = el('div', 'app');
  app.append(main);
  document.body.append(app);
  window.__baselineMs = performance.now() - t0;
})();
