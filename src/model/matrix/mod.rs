//! The linkage matrix a meeting reads: the giving items (programs of the
//! municipal association and the affiliates) down the side, the units that
//! receive (districts, then affiliates) across, and in each cell what the
//! program gives that unit. Also what editing one cell does to the plan.

mod edit;
mod layout;
mod sums;
mod view;

pub use edit::*;
pub use layout::*;
pub use sums::*;
pub use view::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ask::Question;
    use crate::model::command::Command;
    use crate::model::plan::{Level, Plan};
    use crate::model::tally::Tallies;
    use crate::model::Amount;
    use crate::model::{demo_plan, Editor};
    use crate::model::{ItemId, UnitId};

    fn amount(n: u64) -> Amount {
        Amount::new(n).unwrap()
    }

    #[test]
    fn rows_are_the_giving_items_and_columns_districts_then_affiliates() {
        let plan = demo_plan();
        let layout = Layout::of(&plan);
        assert_eq!(layout.groups[0].0, "bast");
        assert_eq!(layout.groups.len(), 5);
        assert_eq!(layout.columns.len(), 20);
        assert_eq!(layout.columns[0], "dongcheng");
        assert_eq!(layout.columns[16], "science-center");
        let rows = layout.rows().count();
        let giving = plan
            .items
            .iter()
            .filter(|i| plan.unit(&i.unit).is_some_and(|u| gives(u.level)))
            .count();
        assert_eq!(rows, giving);
    }

    #[test]
    fn cells_add_up_to_what_each_unit_received_from_the_programs() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let layout = Layout::of(&plan);
        let sums = Sums::of(&plan);
        let total: i128 = layout
            .rows()
            .map(|r| sums.row_total(r, &layout.columns))
            .sum();
        let given: i128 = layout.rows().map(|r| tallies.item(r).figures.given).sum();
        assert_eq!(total, given);
        for col in &layout.columns {
            let down: i128 = layout.rows().map(|r| sums.get(r, col).amount).sum();
            assert!(down <= tallies.unit(col).figures.received);
        }
        assert!(sums.max > 0);
        assert_eq!(shade(sums.max, sums.max), 4);
        assert_eq!(shade(0, sums.max), 0);
        assert_eq!(shade(1, 1_000_000), 1);
    }

    #[test]
    fn coverage_is_per_mille_capped_and_none_without_demand() {
        assert_eq!(coverage(0, 0), None);
        assert_eq!(coverage(5, 0), None);
        assert_eq!(coverage(1, 3), Some(333));
        assert_eq!(coverage(9, 3), Some(1000));
        assert_eq!(band(Some(0)), Some(0));
        assert_eq!(band(Some(1000)), Some(5));
        assert_eq!(band(None), None);
    }

    /// A plan where the program `p` gives nothing to the unit `u`.
    fn empty_cell(plan: &Plan) -> (ItemId, UnitId) {
        let sums = Sums::of(plan);
        let layout = Layout::of(plan);
        let program = layout.groups[0].1[0].clone();
        let unit = layout
            .columns
            .iter()
            .find(|c| {
                sums.get(&program, c).links == 0
                    && plan.items.iter().filter(|i| &i.unit == *c).count() == 2
            })
            .unwrap()
            .clone();
        (program, unit)
    }

    #[test]
    fn a_typed_amount_asks_which_item_when_several_could_take_it() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let (p, u) = empty_cell(&plan);
        match edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(5))) {
            CellOutcome::Choose(c) => {
                assert_eq!(c.len(), 2);
                assert!(c[0].unmet >= c[1].unmet);
                let CellOutcome::Apply(cmd) = set_on(&plan, &tallies, &p, &c[1].item, amount(5))
                else {
                    panic!("a link is made");
                };
                let mut editor = Editor::new(plan.clone());
                editor.apply(*cmd, "2027-01-01T00:00:00Z").unwrap();
                let sums = Sums::of(editor.plan());
                assert_eq!(
                    sums.get(&p, &u),
                    Sum {
                        amount: 5,
                        links: 1
                    }
                );
                // Now one link: the next amount changes it, 0 keeps it.
                let t = Tallies::of(editor.plan());
                let out = edit(editor.plan(), &t, &p, &u, CellEdit::Set(Amount::ZERO));
                let CellOutcome::Apply(cmd) = out else {
                    panic!("the link changes");
                };
                let Command::PutLink(l) = *cmd else {
                    panic!("the link amount changes");
                };
                assert_eq!(l.amount, Amount::ZERO);
                let out = edit(editor.plan(), &t, &p, &u, CellEdit::Clear);
                let CellOutcome::Remove(links) = out else {
                    panic!("clearing names the link");
                };
                assert_eq!(links.len(), 1);
                assert_eq!(links[0].target, c[1].item);
            }
            other => panic!("asks which: {other:?}"),
        }
        assert_eq!(
            edit(&plan, &tallies, &p, &u, CellEdit::Clear),
            CellOutcome::Nothing
        );
    }

    #[test]
    fn a_unit_with_one_item_takes_the_amount_at_once() {
        let mut plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let second = plan.items.iter().rposition(|i| i.unit == u).unwrap();
        plan.items.remove(second);
        plan.links
            .retain(|l| plan.items.iter().any(|i| i.id == l.target));
        let tallies = Tallies::of(&plan);
        let out = edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(7)));
        let CellOutcome::Apply(cmd) = out else {
            panic!("a link is made at once");
        };
        assert!(matches!(*cmd, Command::InsertLink { .. }));
        let items: Vec<ItemId> = plan
            .items
            .iter()
            .filter(|i| i.unit == u)
            .map(|i| i.id.clone())
            .collect();
        plan.items.retain(|i| !items.contains(&i.id));
        plan.links.retain(|l| !items.contains(&l.target));
        let tallies = Tallies::of(&plan);
        assert_eq!(
            edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(7))),
            CellOutcome::NoItem
        );
    }

    /// The demo with `p` giving to both items of `u`.
    fn two_links_in_one_cell() -> (Editor, ItemId, UnitId) {
        let plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let mut editor = Editor::new(plan);
        let targets: Vec<ItemId> = editor
            .plan()
            .items
            .iter()
            .filter(|i| i.unit == u)
            .map(|i| i.id.clone())
            .collect();
        for (n, target) in targets.iter().enumerate() {
            let t = Tallies::of(editor.plan());
            let CellOutcome::Apply(cmd) =
                set_on(editor.plan(), &t, &p, target, amount(100 + n as u64))
            else {
                panic!("a link is made");
            };
            editor.apply(*cmd, "2027-01-01T00:00:00Z").unwrap();
        }
        (editor, p, u)
    }

    #[test]
    fn clearing_a_cell_of_several_links_is_one_command_that_one_undo_takes_back() {
        let (mut editor, p, u) = two_links_in_one_cell();
        let before = editor.plan().clone();
        let depth = editor.undo_depth();
        assert_eq!(
            Sums::of(&before).get(&p, &u),
            Sum {
                amount: 201,
                links: 2
            }
        );
        let t = Tallies::of(&before);
        let CellOutcome::Remove(links) = edit(&before, &t, &p, &u, CellEdit::Clear) else {
            panic!("clearing names the links");
        };
        assert_eq!(links.len(), 2);
        editor
            .apply(remove(&links), "2027-01-01T00:00:01Z")
            .unwrap();
        assert_eq!(editor.undo_depth(), depth + 1, "one step");
        assert_eq!(Sums::of(editor.plan()).get(&p, &u), Sum::default());
        editor.undo("2027-01-01T00:00:02Z").unwrap().unwrap();
        assert_eq!(editor.plan().links, before.links, "both back, in place");
    }

    #[test]
    fn more_than_the_pool_has_left_asks_with_what_is_left() {
        let mut plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let giver = plan.item(&p).unwrap().unit.clone();
        let given = Tallies::of(&plan).unit(&giver).figures.given as u64;
        plan.units.iter_mut().find(|x| x.id == giver).unwrap().pool = Some(amount(given + 50));
        let t = Tallies::of(&plan);
        let target = candidates(&plan, &t, &p, &u)[0].item.clone();
        assert!(matches!(
            set_on(&plan, &t, &p, &target, amount(50)),
            CellOutcome::Apply(_)
        ));
        match set_on(&plan, &t, &p, &target, amount(51)) {
            CellOutcome::Ask { command, questions } => {
                assert_eq!(
                    questions,
                    vec![Question::OverPool {
                        unit: giver.clone(),
                        left: 50,
                        asked: amount(51)
                    }]
                );
                assert!(matches!(*command, Command::InsertLink { .. }));
            }
            other => panic!("asks first: {other:?}"),
        }
    }

    #[test]
    fn rows_read_the_same_sums_and_the_window_covers_the_view() {
        let plan = demo_plan();
        let layout = Layout::of(&plan);
        let sums = Sums::of(&plan);
        let mut total = 0;
        for r in layout.rows() {
            let row = sums.row(r, &layout.columns);
            assert_eq!(row.total, sums.row_total(r, &layout.columns));
            for (c, cell) in layout.columns.iter().zip(&row.cells) {
                assert_eq!(*cell, sums.get(r, c));
            }
            total += row.total;
        }
        assert_eq!(sums.total(&layout), total);
        let lines = layout.lines();
        assert_eq!(lines.len(), layout.groups.len() + layout.rows().count());
        assert_eq!(lines[0], Line::Group(layout.groups[0].0.clone()));
        // 1,000 lines of 20 px, 200 px shown from 4,010 px: lines 200 to
        // 210 are in view, 3 more either side are drawn.
        assert_eq!(window(1000, 20.0, 4010.0, 200.0, 3), (197, 214));
        assert_eq!(window(1000, 20.0, 0.0, 200.0, 3), (0, 13));
        assert_eq!(window(10, 20.0, 0.0, 900.0, 3), (0, 10));
        assert_eq!(window(1000, 20.0, 19_990.0, 200.0, 3), (996, 1000));
        // Arrows pass over group heads and stop at the ends.
        let first = 1;
        assert_eq!(step_item(&lines, first, -1), Some(first));
        let second_group_first = layout.groups[0].1.len() + 2;
        assert_eq!(
            step_item(&lines, second_group_first - 2, 1),
            Some(second_group_first)
        );
        assert_eq!(
            step_item(&lines, second_group_first, -1),
            Some(second_group_first - 2)
        );
        let last = lines.len() - 1;
        assert_eq!(step_item(&lines, last, 5), Some(last));
    }

    #[test]
    fn sums_brought_up_to_date_change_by_change_equal_sums_from_scratch() {
        let plan = demo_plan();
        let mut editor = Editor::new(plan.clone());
        let mut sums = Sums::of(&plan);
        let giver = plan.links[0].source.clone();
        let target = plan.links[0].target.clone();
        let other = plan
            .items
            .iter()
            .find(|i| {
                i.unit != plan.item(&giver).unwrap().unit
                    && i.unit != plan.item(&target).unwrap().unit
                    && !plan
                        .links
                        .iter()
                        .any(|l| l.source == giver && l.target == i.id)
            })
            .unwrap()
            .clone();
        let mut moved_link = plan.links[0].clone();
        moved_link.target = other.id.clone();
        moved_link.amount = amount(42);
        // The target moves to another unit: links to it count there now.
        let mut moved_item = plan.item(&plan.links[3].target).unwrap().clone();
        moved_item.unit = plan
            .units
            .iter()
            .find(|u| {
                u.level == Level::District
                    && u.id != moved_item.unit
                    && !plan.links.iter().any(|l| {
                        (l.target == moved_item.id || l.source == moved_item.id)
                            && plan
                                .item(if l.target == moved_item.id {
                                    &l.source
                                } else {
                                    &l.target
                                })
                                .is_some_and(|o| o.unit == u.id)
                    })
            })
            .unwrap()
            .id
            .clone();
        let commands = vec![
            Command::PutLink(moved_link),
            Command::PutItem(moved_item),
            Command::RemoveLinks {
                ids: vec![plan.links[1].id.clone(), plan.links[2].id.clone()],
            },
            Command::RemoveItem {
                id: plan.links[4].target.clone(),
            },
        ];
        for cmd in commands {
            let touched = editor.apply(cmd, "2027-01-01T00:00:00Z").unwrap();
            sums.update(editor.plan(), &touched.items);
            assert_eq!(sums, Sums::of(editor.plan()));
        }
        while let Ok(Some(touched)) = editor.undo("2027-01-01T00:00:01Z") {
            sums.update(editor.plan(), &touched.items);
            assert_eq!(sums, Sums::of(editor.plan()));
        }
        assert_eq!(sums, Sums::of(&plan));
    }
}
