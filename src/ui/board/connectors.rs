use crate::model::{decimal, ItemId, LinkId};
use crate::ui::dom;
use crate::ui::state::Board;
use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
struct Line {
    id: LinkId,
    source: ItemId,
    target: ItemId,
    amount: u64,
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
}

/// Lines from the selected card to every card linked to it, kept in place
/// while the board scrolls or the window resizes.
#[component]
pub fn Connectors() -> impl IntoView {
    let board = expect_context::<Board>();
    let lines: RwSignal<Vec<Line>> = RwSignal::new(Vec::new());
    let pending = StoredValue::new(false);

    let measure = move || {
        let Some(selected) = board.view.selected_untracked() else {
            lines.set(Vec::new());
            return;
        };
        let centre = |id: &ItemId| {
            let el = dom::find(&dom::attr_selector("data-item-id", id.as_str()))?;
            let r = el.get_bounding_client_rect();
            Some((r.left() + r.width() / 2.0, r.top() + r.height() / 2.0))
        };
        let links: Vec<(LinkId, ItemId, ItemId, u64)> = board.with_plan(|p| {
            p.links_of(&selected)
                .map(|l| {
                    (
                        l.id.clone(),
                        l.source.clone(),
                        l.target.clone(),
                        l.amount.yuan(),
                    )
                })
                .collect()
        });
        let next: Vec<Line> = links
            .into_iter()
            .filter_map(|(id, source, target, amount)| {
                let (x1, y1) = centre(&source)?;
                let (x2, y2) = centre(&target)?;
                Some(Line {
                    id,
                    source,
                    target,
                    amount,
                    x1,
                    y1,
                    x2,
                    y2,
                })
            })
            .collect();
        if lines.with_untracked(|l| l != &next) {
            lines.set(next);
        }
    };
    // Measure after the DOM has caught up, at most once a frame.
    let schedule = move || {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(move || {
                pending.set_value(false);
                measure();
            });
        }
    };
    Effect::new(move || {
        board.view.has_selection();
        board.doc.links_changed().track();
        board.doc.columns().track();
        schedule();
    });
    dom::on_window(ev::resize, move |_| schedule());
    // Scrolling inside the board or a column does not bubble: the capture
    // phase on the document sees it, and the window's own scroll too.
    dom::on_document_capture("scroll", schedule);

    view! {
        <svg class="connectors" aria-hidden="true">
            <For each=move || lines.get() key=|l| format!("{} {} {} {} {}", l.id, decimal(l.x1, 1), decimal(l.y1, 1), decimal(l.x2, 1), decimal(l.y2, 1)) let:line>
                <line
                    data-link-id=line.id.to_string()
                    data-source=line.source.to_string()
                    data-target=line.target.to_string()
                    data-amount=line.amount.to_string()
                    x1=decimal(line.x1, 1)
                    y1=decimal(line.y1, 1)
                    x2=decimal(line.x2, 1)
                    y2=decimal(line.y2, 1)
                ></line>
            </For>
        </svg>
    }
}
