//! Focus on one unit while it reports: its items, what links them to whom,
//! its tallies, large; and a report timer per unit.

use crate::i18n::Key;
use crate::model::view::ColumnKey;
use crate::model::{Direction, UnitId};
use crate::ui::board::figure::Figure;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use std::time::Duration;

/// The unit presentation mode is on, if its column is a unit's.
/// (As its text: a memo of the id type would bring its own copy of the
/// reactive code.)
fn current_unit(board: &Board) -> Option<String> {
    let id = board.view.current_column()?;
    match board.doc.column(&id)?.key {
        ColumnKey::Unit(unit) => Some(unit.into_string()),
        _ => None,
    }
}

/// `on` is presentation mode's: the view's own button turns it on and
/// off, so the two share it as a two-way prop.
#[component]
pub fn FocusView(on: RwSignal<bool>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let unit = Memo::new(move |_| current_unit(&board));
    let content = move || {
        let id = UnitId::from(unit.get()?);
        let cell = board.doc.unit(&id)?;
        board.doc.links_changed().track();
        board.doc.header().track();
        let lang = lang.get();
        let items = board.with_plan(|p| {
            p.items
                .iter()
                .filter(|i| i.unit == id)
                .map(|i| {
                    let links: Vec<String> = p
                        .links_of(&i.id)
                        .filter_map(|l| l.other_end(&i.id).map(|end| (l, end)))
                        .map(|(l, (other, direction))| {
                            let arrow = arrow(direction);
                            let other = p.item(other);
                            let unit = other
                                .and_then(|o| p.unit(&o.unit))
                                .map(|u| lang.unit_name(u))
                                .unwrap_or_default();
                            format!(
                                "{arrow} {unit}: {} · {}",
                                other.map(|o| o.title.as_str()).unwrap_or(""),
                                lang.amount(i128::from(l.amount.yuan()))
                            )
                        })
                        .collect();
                    (i.id.clone(), i.title.clone(), links)
                })
                .collect::<Vec<_>>()
        });
        let scope = ColumnKey::unit_column(&id);
        let figure = move |f: fn(&crate::model::Figures) -> i128| {
            Signal::derive(move || cell.tally.with(|t| f(&t.figures)))
        };
        Some(view! {
            // Focusable, so that the keyboard scrolls a long list of items.
            <section
                class="focus"
                data-testid="focus"
                data-focus-unit=id.to_string()
                tabindex="0"
                aria-labelledby="focus-title"
            >
                <h2 id="focus-title">{cell.unit.with(|u| lang.unit_name(u))}</h2>
                <dl class="figures focus-figures">
                    <Figure scope=format!("focus:{scope}") field="budget" label=Key::Budget value=figure(|f| f.budget)/>
                    <Figure scope=format!("focus:{scope}") field="demand" label=Key::Demand value=figure(|f| f.demand)/>
                    <Figure scope=format!("focus:{scope}") field="received" label=Key::Received value=figure(|f| f.received)/>
                    <Figure scope=format!("focus:{scope}") field="given" label=Key::Given value=figure(|f| f.given)/>
                    <Figure scope=format!("focus:{scope}") field="gap" label=Key::Gap value=figure(|f| f.gap)/>
                    <Show when=move || cell.tally.with(|t| t.remaining.is_some())>
                        <Figure
                            scope=format!("focus:{}", ColumnKey::unit_column(&cell.unit.with_untracked(|u| u.id.clone())))
                            field="remaining"
                            label=Key::Remaining
                            value=Signal::derive(move || cell.tally.with(|t| t.remaining.unwrap_or(0)))
                        />
                    </Show>
                </dl>
                <ul class="focus-items">
                    {items
                        .into_iter()
                        .map(|(item, title, links)| view! {
                            <li data-focus-item=item.into_string()>
                                <strong>{title}</strong>
                                {links.into_iter().map(|l| view! { <span class="focus-link">{l}</span> }).collect_view()}
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        })
    };
    view! {
        <Show when=move || board.view.presenting()>
            <button
                type="button"
                data-testid="focus-unit"
                aria-pressed=move || on.get().to_string()
                on:click=move |_| on.update(|o| *o = !*o)
            >
                {move || t(if on.get() { Key::LeaveFocus } else { Key::Focus })}
            </button>
            <ReportTimer/>
        </Show>
        <Show when=move || on.get() && board.view.presenting()>
            {content}
        </Show>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimerState {
    Ready,
    Running,
    Paused,
    Done,
}

/// A countdown for one unit's report: set the minutes, start, pause,
/// resume; when time is up the display turns calmly amber, without sound.
/// It starts again from the set minutes when the next unit comes up.
#[component]
fn ReportTimer() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let minutes = RwSignal::new(5u32);
    let state = RwSignal::new(TimerState::Ready);
    // Milliseconds left when paused or ready; the end time while running.
    let left_ms = RwSignal::new(5.0 * 60_000.0);
    let ends_at = StoredValue::new(0.0f64);
    let now = || js_sys::Date::now();
    let reset = move || {
        state.set(TimerState::Ready);
        left_ms.set(f64::from(minutes.get_untracked()) * 60_000.0);
    };
    // A new unit: a new report.
    Effect::new(move |prev: Option<Option<String>>| {
        let current = board.view.current_column();
        if prev.is_some_and(|p| p != current) {
            reset();
        }
        current
    });
    let tick = set_interval_with_handle(
        move || {
            if state.get_untracked() == TimerState::Running {
                let left = (ends_at.get_value() - now()).max(0.0);
                left_ms.set(left);
                if left <= 0.0 {
                    state.set(TimerState::Done);
                }
            }
        },
        Duration::from_millis(250),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = tick {
            h.clear();
        }
    });
    let start = move |_| match state.get_untracked() {
        TimerState::Running => {
            left_ms.set((ends_at.get_value() - now()).max(0.0));
            state.set(TimerState::Paused);
        }
        TimerState::Done => reset(),
        _ => {
            ends_at.set_value(now() + left_ms.get_untracked());
            state.set(TimerState::Running);
        }
    };
    let seconds = move || (left_ms.get() / 1000.0).ceil() as u64;
    let label = move || match state.get() {
        TimerState::Running => t(Key::Pause),
        TimerState::Paused => t(Key::Resume),
        TimerState::Done => t(Key::Reset),
        TimerState::Ready => t(Key::Start),
    };
    view! {
        <div class="timer" role="group" aria-label=move || t(Key::Timer)>
            <label>
                <span class="visually-hidden">{move || t(Key::Minutes)}</span>
                <input
                    type="number"
                    min="1"
                    max="120"
                    data-testid="timer-minutes"
                    prop:value=move || minutes.get().to_string()
                    on:change=move |e| {
                        if let Ok(m) = event_target_value(&e).parse::<u32>() {
                            minutes.set(m.clamp(1, 120));
                            reset();
                        }
                    }
                />
                <span aria-hidden="true">{move || t(Key::Minutes)}</span>
            </label>
            <output
                class="timer-display"
                class:time-up=move || state.get() == TimerState::Done
                data-testid="timer"
                data-state=move || format!("{:?}", state.get()).to_ascii_lowercase()
                data-seconds=move || seconds().to_string()
            >
                {move || format!("{:02}:{:02}", seconds() / 60, seconds() % 60)}
            </output>
            <button type="button" data-testid="timer-start" on:click=start>{label}</button>
            <Show when=move || state.get() == TimerState::Done>
                <span class="time-up-note" role="status">{move || t(Key::TimeUp)}</span>
            </Show>
        </div>
    }
}

/// How a link's direction reads beside an item: → it gives, ← it receives.
pub fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::Out => "→",
        Direction::In => "←",
    }
}
