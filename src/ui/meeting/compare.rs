//! What changed between a version and the open plan (read-only): per unit
//! the links made, changed and removed with their amounts, its items, what
//! it received and gave before and after; pools, stages, the districts
//! reached and the totals; then the decisions record, to print or download.
//! A unit's rows are drawn when it is opened (all at once only when the
//! changes are few), so two large plans compare without thousands of rows.

use crate::i18n::{Key, Lang};
use crate::io::{clock, download};
use crate::model::compare::{compare_with, Comparison};
use crate::model::merge::Kind;
use crate::model::{Plan, StageId, Tallies, UnitId};
use crate::report::decisions::{decisions, decisions_csv, link_line, signed, unit_name, Decisions};
use crate::ui::dialog::Modal;
use crate::ui::keeping::meeting::{baseline, Baseline, Comparing};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use std::sync::Arc;

/// The view's own style, which comes with its chunk: on screen, and the
/// decisions record alone when printed while the comparison is open.
const STYLE: &str = r#"
.compare-dialog { width: min(60rem, calc(100vw - 2rem)); }
.compare-dialog .dialog-actions { justify-content: flex-start; flex-wrap: wrap; }
.compare-against { margin: 0; }
.compare-totals { border-collapse: collapse; }
.compare-totals caption { text-align: left; font-weight: 700; }
.compare-totals th, .compare-totals td { padding: 0.2rem 0.75rem 0.2rem 0; text-align: left; }
.compare-totals .num { text-align: right; font-variant-numeric: tabular-nums; }
.compare-filter { flex: none; max-width: 20rem; }
.compare-unit { border-top: 1px solid var(--line); padding: 0.5rem 0; }
.compare-unit.hidden { display: none; }
.compare-unit h3 { margin: 0; font-size: 1.05rem; }
.compare-figures { margin: 0.2rem 0; }
.compare-changes { margin: 0.3rem 0; padding-left: 1.2rem; }
.compare-changes li { overflow-wrap: anywhere; }
.change-kind { font-weight: 700; }
.decisions-doc { border-top: 2px solid var(--line); padding-top: 0.5rem; }
.decisions-doc h3 { margin: 0 0 0.3rem; }
.decisions-doc h4 { margin: 0.6rem 0 0.1rem; }
.decisions-doc .print-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0 0 0.5em; }
.decisions-doc .print-meta div { display: contents; }
.decisions-doc .print-meta dt { font-weight: 700; }
.decisions-doc .print-meta dd { margin: 0; }
@media print {
  /* While a comparison is open, printing gives its decisions record alone. */
  html.print-decisions .app > :not(.compare-layer) { display: none !important; }
  html.print-decisions .app > .compare-layer { display: block !important; }
  html.print-decisions .compare-layer .dialog-backdrop,
  html.print-decisions .compare-dialog > :not(.decisions-doc) { display: none !important; }
  html.print-decisions .compare-dialog {
    position: static; transform: none; width: auto; max-height: none; overflow: visible;
    box-shadow: none; padding: 0; display: block; background: #fff; color: #000;
  }
  html.print-decisions .decisions-doc { border: 0; }
  html.print-decisions .decisions-doc h3 { font-size: 18pt; }
  html.print-decisions .decisions-doc h4 { font-size: 13pt; break-after: avoid; }
}
"#;

/// Changes up to this many are shown open; more are opened unit by unit.
const OPEN_UP_TO: usize = 150;

/// The comparison with the plans it was made of.
struct Compared {
    before: Plan,
    after: Plan,
    c: Comparison,
    /// From, to (ms since 1970).
    span: (Option<f64>, f64),
}

/// Each comparison made is a new one: the view redraws with it.
impl PartialEq for Compared {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

fn kind_key(kind: Kind) -> Key {
    match kind {
        Kind::Added => Key::KindAdded,
        Kind::Changed => Key::KindChanged,
        Kind::Removed => Key::KindRemoved,
    }
}

fn span_words(lang: Lang, span: (Option<f64>, f64)) -> String {
    let to = clock::local(span.1);
    match span.0 {
        Some(from) => {
            let from = clock::local(from);
            if (from.year, from.month, from.day) == (to.year, to.month, to.day) {
                format!("{} – {}", lang.date_time(from), lang.time_of_day(to))
            } else {
                format!("{} – {}", lang.date_time(from), lang.date_time(to))
            }
        }
        None => lang.date_time(to),
    }
}

fn record(x: &Compared, lang: Lang, against: &str) -> Decisions {
    decisions(
        &x.before,
        &x.after,
        &x.c,
        lang,
        &span_words(lang, x.span),
        against,
    )
}

/// Reads what was asked for and shows the comparison; what cannot be read
/// is refused (Plans & files says why) and nothing opens.
#[component]
pub fn CompareView() -> impl IntoView {
    let board = expect_context::<Board>();
    let comparing = expect_context::<Comparing>();
    let shown: RwSignal<Option<Baseline>> = RwSignal::new(None);
    Effect::new(move |_| {
        if !comparing.shown() {
            shown.set(None);
            return;
        }
        let Some(request) = comparing.take_request() else {
            return;
        };
        match baseline(&board, &request) {
            Ok(b) => shown.set(Some(b)),
            Err(refusal) => {
                comparing.refuse(Some(refusal));
                comparing.close();
            }
        }
    });
    view! {
        <style>{STYLE}</style>
        <Show when=move || shown.with(Option::is_some)>
            <CompareDialog shown/>
        </Show>
    }
}

#[component]
fn CompareDialog(shown: RwSignal<Option<Baseline>>) -> impl IntoView {
    let board = expect_context::<Board>();
    let comparing = expect_context::<Comparing>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    // While the comparison is open, printing gives its record.
    if let Some(html) = document().document_element() {
        let _ = html.class_list().add_1("print-decisions");
    }
    on_cleanup(|| {
        if let Some(html) = document().document_element() {
            let _ = html.class_list().remove_1("print-decisions");
        }
    });
    let compared = Memo::new(move |_| {
        board.doc.changes().track();
        board.doc.header().track();
        let base: Option<Baseline> = shown.get();
        let base = base?;
        let x = crate::io::perf::measure("lb:compare", || {
            let tb = Tallies::of(&base.plan);
            let after = board.with_plan(Plan::clone);
            let c = board
                .doc
                .with_tallies(|ta| compare_with(&base.plan, &tb, &after, ta));
            Compared {
                before: base.plan.clone(),
                after,
                c,
                span: (base.at_ms, clock::now_ms()),
            }
        });
        Some(Arc::new(x))
    });
    let against = move || {
        shown
            .with(|b| b.as_ref().map(|b| b.against.words(lang.get())))
            .unwrap_or_default()
    };
    let unit_filter = RwSignal::new(String::new());
    let close = Callback::new(move |_| comparing.close());
    let download_csv = move |_| {
        let Some(x) = compared.get_untracked() else {
            return;
        };
        let lang = lang.get_untracked();
        let text = decisions_csv(&x.before, &x.after, &x.c, lang);
        let name = format!(
            "{}-{}-{}.csv",
            download::file_stem(&x.after.title),
            download::file_stem(lang.t(Key::DecisionsRecord)),
            clock::today()
        );
        let _ = download::download(&name, "text/csv;charset=utf-8", &text);
    };
    let download_text = move |_| {
        let Some(x) = compared.get_untracked() else {
            return;
        };
        let lang = lang.get_untracked();
        let text = record(&x, lang, &against()).text();
        let name = format!(
            "{}-{}-{}.txt",
            download::file_stem(&x.after.title),
            download::file_stem(lang.t(Key::DecisionsRecord)),
            clock::today()
        );
        let _ = download::download(&name, "text/plain;charset=utf-8", &text);
    };
    let body = move || {
        let x = compared.get()?;
        let lang = lang.get();
        Some(view! {
            <Body x=x.clone() lang unit_filter/>
            <DecisionsDoc x lang against=against()/>
        })
    };
    view! {
        <div class="compare-layer">
            <Modal on_close=close labelledby="compare-title" class="compare-dialog" testid="compare">
                <header class="details-head">
                    <h2 id="compare-title">{move || t(Key::CompareTitle)}</h2>
                    <button type="button" class="dismiss" data-testid="compare-close" aria-label=move || t(Key::Close) on:click=move |_| close.run(())>"×"</button>
                </header>
                <p class="compare-against">
                    {move || t(Key::ComparedWith)} ": " <strong data-testid="compare-against">{against}</strong>
                </p>
                <div class="dialog-actions compare-actions">
                    <button type="button" data-testid="decisions-print" on:click=move |_| {
                        request_animation_frame(|| {
                            let _ = window().print();
                        });
                    }>{move || t(Key::PrintRecord)}</button>
                    <button type="button" data-testid="decisions-download" on:click=download_csv>{move || t(Key::MatrixCsv)}</button>
                    <button type="button" data-testid="decisions-download-text" on:click=download_text>{move || t(Key::DownloadText)}</button>
                </div>
                {body}
            </Modal>
        </div>
    }
}

#[component]
fn Body(x: Arc<Compared>, lang: Lang, unit_filter: RwSignal<String>) -> impl IntoView {
    let c = &x.c;
    let t = |k| lang.t(k);
    let name = |id: &UnitId| unit_name(&x.before, &x.after, lang, id);
    let differing: Vec<usize> = c
        .per_unit
        .iter()
        .enumerate()
        .filter(|(_, u)| u.differs())
        .map(|(n, _)| n)
        .collect();
    let options = differing
        .iter()
        .filter_map(|&n| c.per_unit.get(n))
        .map(|u| {
            let id = u.id.clone();
            view! { <option value=id.to_string() selected=move || unit_filter.with(|f| id == f.as_str())>{name(&u.id)}</option> }
        })
        .collect_view();
    let few = c.links.len() + c.items.len() <= OPEN_UP_TO;
    let districts = |reached: fn(&crate::model::compare::UnitDelta) -> bool| {
        c.per_unit
            .iter()
            .filter(|u| u.district && reached(u))
            .count()
    };
    let all_districts = c.per_unit.iter().filter(|u| u.district).count();
    let reached = t(Key::ReachedBeforeAfter)
        .replace("{before}", &districts(|u| u.reached_before).to_string())
        .replace("{after}", &districts(|u| u.reached_after).to_string())
        .replace("{all}", &all_districts.to_string());
    let totals = view! {
        <table class="compare-totals" data-testid="compare-totals">
            <caption>{t(Key::PlanTotals)}</caption>
            <thead><tr>
                <th scope="col"></th>
                <th scope="col">{t(Key::Before)}</th>
                <th scope="col">{t(Key::After)}</th>
                <th scope="col">{t(Key::ChangeCol)}</th>
            </tr></thead>
            <tbody>
                <tr data-compare-total="received" data-before=c.before.figures.received.to_string() data-after=c.after.figures.received.to_string()>
                    <th scope="row">{t(Key::Received)}</th>
                    <td class="num">{lang.amount(c.before.figures.received)}</td>
                    <td class="num">{lang.amount(c.after.figures.received)}</td>
                    <td class="num">{signed(lang, c.after.figures.received - c.before.figures.received)}</td>
                </tr>
                <tr data-compare-total="given" data-before=c.before.figures.given.to_string() data-after=c.after.figures.given.to_string()>
                    <th scope="row">{t(Key::Given)}</th>
                    <td class="num">{lang.amount(c.before.figures.given)}</td>
                    <td class="num">{lang.amount(c.after.figures.given)}</td>
                    <td class="num">{signed(lang, c.after.figures.given - c.before.figures.given)}</td>
                </tr>
                <tr data-compare-total="covered" data-before=c.before.covered.to_string() data-after=c.after.covered.to_string()>
                    <th scope="row">{t(Key::Coverage)}</th>
                    <td class="num">{c.before.covered}</td>
                    <td class="num">{c.after.covered}</td>
                    <td class="num">{signed(Lang::En, c.after.covered as i128 - c.before.covered as i128)}</td>
                </tr>
            </tbody>
        </table>
        <p data-testid="compare-reached">{reached}</p>
    };
    let units = differing
        .iter()
        .filter_map(|&n| c.per_unit.get(n))
        .map(|u| {
            let id = u.id.clone();
            let shown = {
                let id = id.clone();
                move || unit_filter.with(|f| f.is_empty() || id == f.as_str())
            };
            let figures = format!(
                "{} · {}",
                t(Key::ReceivedChange)
                    .replace("{before}", &lang.amount(u.received_before))
                    .replace("{after}", &lang.amount(u.received_after))
                    .replace("{change}", &signed(lang, u.received_change())),
                t(Key::GivenChange)
                    .replace("{before}", &lang.amount(u.given_before))
                    .replace("{after}", &lang.amount(u.given_after))
                    .replace("{change}", &signed(lang, u.given_change())),
            );
            let count = u.links.len() + u.items.len();
            let x2 = Arc::clone(&x);
            let (links, items) = (u.links.clone(), u.items.clone());
            let open = RwSignal::new(few);
            let rows = move || {
                open.get().then(|| {
                    let x = &x2;
                    let link_rows = links
                        .iter()
                        .filter_map(|&n| x.c.links.get(n))
                        .map(|l| {
                            view! {
                                <li
                                    data-compare=format!("links/{}", l.id)
                                    data-kind=l.kind.as_str()
                                    data-before=l.before.map(|y| y.to_string()).unwrap_or_default()
                                    data-after=l.after.map(|y| y.to_string()).unwrap_or_default()
                                >
                                    <span class=format!("change-kind {}", l.kind.as_str())>{lang.t(kind_key(l.kind))}</span>
                                    " "
                                    {link_line(&x.before, &x.after, lang, l)}
                                </li>
                            }
                        })
                        .collect_view();
                    let item_rows = items
                        .iter()
                        .filter_map(|&n| x.c.items.get(n))
                        .map(|i| {
                            let what = match i.kind {
                                Kind::Changed if i.moved_stage() => {
                                    let stage = |id: &Option<StageId>| {
                                        id.as_ref()
                                            .and_then(|s| x.after.stage(s).or_else(|| x.before.stage(s)))
                                            .map(|s| lang.stage_name(s))
                                            .unwrap_or_default()
                                    };
                                    lang.t(Key::MovedStage)
                                        .replace("{from}", &stage(&i.stage_before))
                                        .replace("{to}", &stage(&i.stage_after))
                                }
                                kind => lang.t(kind_key(kind)).to_string(),
                            };
                            view! {
                                <li data-compare=format!("items/{}", i.id) data-kind=i.kind.as_str()>
                                    <span class=format!("change-kind {}", i.kind.as_str())>{what}</span>
                                    " " {i.title.clone()}
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="compare-changes">{link_rows}{item_rows}</ul> }
                })
            };
            let heading = format!("compare-unit-{id}");
            let labelled = heading.clone();
            view! {
                <section
                    class="compare-unit"
                    class:hidden=move || !shown()
                    aria-labelledby=labelled
                    data-compare-unit=id.to_string()
                    data-received-before=u.received_before.to_string()
                    data-received-after=u.received_after.to_string()
                    data-given-before=u.given_before.to_string()
                    data-given-after=u.given_after.to_string()
                >
                    <h3 id=heading>{name(&u.id)}</h3>
                    <p class="compare-figures">{figures}</p>
                    {(count > 0).then(|| view! {
                        <button
                            type="button"
                            class="compare-open"
                            data-testid="compare-open-unit"
                            aria-expanded=move || open.get().to_string()
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            {t(Key::ShowChanges)} " (" {count} ")"
                        </button>
                    })}
                    {rows}
                </section>
            }
        })
        .collect_view();
    let pools = c
        .units
        .iter()
        .map(|u| {
            let what = lang.t(kind_key(u.kind));
            let pool = |p: Option<i128>| p.map_or("—".to_string(), |y| lang.amount(y));
            let detail = u.pool_changed().then(|| {
                format!(
                    ": {} {} → {}",
                    t(Key::Pool),
                    pool(u.pool_before),
                    pool(u.pool_after)
                )
            });
            view! {
                <li data-compare=format!("units/{}", u.id) data-kind=u.kind.as_str()>
                    {name(&u.id)} " — " {what} {detail}
                </li>
            }
        })
        .collect_view();
    let stages = c
        .stages
        .iter()
        .map(|s| {
            let what = lang.t(kind_key(s.kind));
            let label = x
                .after
                .stage(&s.id)
                .or_else(|| x.before.stage(&s.id))
                .map(|s| lang.stage_name(s))
                .unwrap_or_else(|| s.id.to_string());
            view! {
                <li data-compare=format!("stages/{}", s.id) data-kind=s.kind.as_str()>{label} " — " {what}</li>
            }
        })
        .collect_view();
    let empty = c.is_empty();
    let has_pools = !c.units.is_empty();
    let has_stages = !c.stages.is_empty();
    view! {
        {empty.then(|| view! { <p class="hint" data-testid="compare-same">{t(Key::CompareSame)}</p> })}
        {totals}
        <label class="field compare-filter">
            <span>{t(Key::CompareUnitFilter)}</span>
            <select data-testid="compare-unit-filter" on:change=move |e| unit_filter.set(event_target_value(&e))>
                <option value="" selected=move || unit_filter.with(String::is_empty)>{t(Key::AllUnits)}</option>
                {options}
            </select>
        </label>
        <div class="compare-units" data-testid="compare-units">{units}</div>
        {has_pools.then(|| view! { <h3>{t(Key::Pool)}</h3><ul class="compare-changes">{pools}</ul> })}
        {has_stages.then(|| view! { <h3>{t(Key::Stage)}</h3><ul class="compare-changes">{stages}</ul> })}
    }
}

/// The decisions record: shown at the end of the comparison, and alone
/// when printed.
#[component]
fn DecisionsDoc(x: Arc<Compared>, lang: Lang, against: String) -> impl IntoView {
    let d = record(&x, lang, &against);
    let meta = d
        .meta
        .iter()
        .map(|(label, value)| view! { <div><dt>{label.clone()}</dt><dd>{value.clone()}</dd></div> })
        .collect_view();
    let units = d
        .units
        .iter()
        .map(|u| {
            let lines = u
                .lines
                .iter()
                .map(|l| view! { <li>{l.clone()}</li> })
                .collect_view();
            view! {
                <section class="decisions-unit" data-decisions-unit=u.id.to_string()>
                    <h4>{u.name.clone()}</h4>
                    <p>{u.received.clone()}</p>
                    <ul>{lines}</ul>
                </section>
            }
        })
        .collect_view();
    let received = x.c.after.figures.received.to_string();
    let given = x.c.after.figures.given.to_string();
    let covered = x.c.after.covered.to_string();
    view! {
        <article
            class="decisions-doc"
            data-testid="decisions-doc"
            lang=lang.code()
            aria-labelledby="decisions-title"
            data-received=received
            data-given=given
            data-covered=covered
        >
            <h3 id="decisions-title">{d.title.clone()}</h3>
            <dl class="print-meta">{meta}</dl>
            <p data-testid="decisions-summary">{d.summary.clone()}</p>
            <p>{d.change.clone()}</p>
            <p data-testid="decisions-unreached"><strong>{d.not_reached.0.clone()}</strong> ": " {d.not_reached.1.clone()}</p>
            {units}
        </article>
    }
}
