//! The plan as a printed document: per unit its items, amounts and links,
//! then the totals. Rendered only while printing (Ctrl+P or the Print
//! button), so the board carries no second copy of itself.

use crate::i18n::{Key, Lang};
use crate::io::clock;
use crate::model::{ItemId, Plan, Tallies};
use crate::report::print_header;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn PrintDocument() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let printing = RwSignal::new(false);
    let before = window_event_listener(ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    provide_context(PrintRequest(printing));
    view! {
        <Show when=move || printing.get()>
            {move || {
                let lang = lang.get_untracked();
                let printed_on = lang.date_time(clock::local(clock::now_ms()));
                board.with_plan(|p| document_view(p, lang, &printed_on))
            }}
        </Show>
    }
}

/// Lets the Print button render the document before asking the browser.
#[derive(Clone, Copy)]
pub struct PrintRequest(RwSignal<bool>);

impl PrintRequest {
    /// Renders the document, then asks the browser to print it.
    pub fn print(&self) {
        self.0.set(true);
        request_animation_frame(|| {
            let _ = window().print();
        });
    }
}

fn document_view(plan: &Plan, lang: Lang, printed_on: &str) -> impl IntoView {
    let tallies = Tallies::of(plan);
    // Title, year, revision, print date, districts not reached, pools.
    let meta = print_header(plan, &tallies, lang, printed_on)
        .into_iter()
        .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
        .collect_view();
    let title_of = |id: &ItemId| plan.item(id).map(|i| i.title.clone()).unwrap_or_default();
    let unit_of = |id: &ItemId| {
        plan.item(id)
            .and_then(|i| plan.unit(&i.unit))
            .map(|u| lang.unit_name(u))
            .unwrap_or_default()
    };
    let units = plan.units_in_board_order();
    let sections = units
        .iter()
        .map(|u| {
            let t = tallies.unit(&u.id);
            let rows = plan
                .items
                .iter()
                .filter(|i| i.unit == u.id)
                .map(|i| {
                    let it = tallies.item(&i.id);
                    let stage = plan.stage(&i.stage).map(|s| lang.stage_name(s)).unwrap_or_default();
                    let links = plan
                        .links_of(&i.id)
                        .filter_map(|l| l.other_end(&i.id).map(|end| (l, end)))
                        .map(|(l, (other, direction))| {
                            let arrow = crate::ui::meeting::focus::arrow(direction);
                            format!(
                                "{arrow} {} ({}): {}",
                                title_of(other),
                                unit_of(other),
                                lang.amount(i128::from(l.amount.yuan()))
                            )
                        })
                        .collect::<Vec<_>>();
                    view! {
                        <tr>
                            <td>{i.title.clone()}</td>
                            <td>{stage}</td>
                            <td class="num">{lang.amount(it.figures.budget)}</td>
                            <td class="num">{lang.amount(it.figures.demand)}</td>
                            <td class="num">{lang.amount(it.figures.received)}</td>
                            <td class="links">{links.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="print-unit">
                    <h2>{lang.unit_name(u)}</h2>
                    <p class="print-unit-totals">
                        {format!(
                            "{} {} · {} {} · {} {} · {} {}",
                            lang.t(Key::Budget), lang.amount(t.figures.budget),
                            lang.t(Key::Demand), lang.amount(t.figures.demand),
                            lang.t(Key::Received), lang.amount(t.figures.received),
                            lang.t(Key::Gap), lang.amount(t.figures.gap),
                        )}
                    </p>
                    <table class="print-items">
                        <thead>
                            <tr>
                                <th>{lang.t(Key::Title)}</th>
                                <th>{lang.t(Key::Stage)}</th>
                                <th>{lang.t(Key::Budget)}</th>
                                <th>{lang.t(Key::Demand)}</th>
                                <th>{lang.t(Key::Received)}</th>
                                <th>{lang.t(Key::LinksCol)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view();
    let totals = units
        .iter()
        .map(|u| {
            let t = tallies.unit(&u.id);
            view! {
                <tr>
                    <td>{lang.unit_name(u)}</td>
                    <td class="num">{lang.amount(t.figures.budget)}</td>
                    <td class="num">{lang.amount(t.figures.demand)}</td>
                    <td class="num">{lang.amount(t.figures.received)}</td>
                    <td class="num">{lang.amount(t.figures.given)}</td>
                    <td class="num">{lang.amount(t.figures.gap)}</td>
                    <td class="num">{t.remaining.map(|r| lang.amount(r)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let p = tallies.plan;
    view! {
        <article class="print-doc" data-testid="print-doc">
            <h1>{plan.title.clone()}</h1>
            <dl class="print-meta" data-testid="print-meta">{meta}</dl>
            <p>{format!("{} {}", lang.t(Key::Coverage), format_args!("{}/{}", p.covered, p.districts))}</p>
            {sections}
            <section class="print-totals">
                <h2>{lang.t(Key::TotalsTitle)}</h2>
                <table>
                    <thead>
                        <tr>
                            <th>{lang.t(Key::Unit)}</th>
                            <th>{lang.t(Key::Budget)}</th>
                            <th>{lang.t(Key::Demand)}</th>
                            <th>{lang.t(Key::Received)}</th>
                            <th>{lang.t(Key::Given)}</th>
                            <th>{lang.t(Key::Gap)}</th>
                            <th>{lang.t(Key::Remaining)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {totals}
                        <tr class="total">
                            <td>{lang.t(Key::Total)}</td>
                            <td class="num">{lang.amount(p.figures.budget)}</td>
                            <td class="num">{lang.amount(p.figures.demand)}</td>
                            <td class="num">{lang.amount(p.figures.received)}</td>
                            <td class="num">{lang.amount(p.figures.given)}</td>
                            <td class="num">{lang.amount(p.figures.gap)}</td>
                            <td class="num">{lang.amount(p.remaining)}</td>
                        </tr>
                    </tbody>
                </table>
            </section>
        </article>
    }
}
