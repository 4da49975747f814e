//! Ids for new records that no other window makes too. Every window (a
//! tab, a reload) numbers its new items and links under a short tag of its
//! own, `item-k3x9-1`, `item-k3x9-2`, so two windows adding a card at the
//! same moment never pick the same id; the id stays short and readable.
//! Where two ids meet anyway (a window with no tag, a file from elsewhere),
//! [`make_room`] gives the newcomer a fresh one, its links following.

use super::id::{ItemId, LinkId};
use super::plan::Plan;
use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    static TAG: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Sets this window's tag (letters and digits; anything else is dropped).
/// Without one, new ids are numbered as `item-1`, `item-2`.
pub fn set_window_tag(tag: &str) {
    let clean: String = tag
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(8)
        .collect();
    TAG.with(|t| *t.borrow_mut() = clean);
}

/// This window's tag ("" when none was set).
pub fn window_tag() -> String {
    TAG.with(|t| t.borrow().clone())
}

/// A tag made of `seed` written in base 36, four characters long.
pub fn tag_of(seed: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = seed;
    (0..4)
        .map(|_| {
            let c = DIGITS[(n % 36) as usize] as char;
            n /= 36;
            c
        })
        .collect()
}

/// `kind-tag-N` (or `kind-N` without a tag), N one past the highest number
/// under that start among `used`, and never one of `used`.
pub fn fresh_id<'a>(kind: &str, used: impl Iterator<Item = &'a str> + Clone) -> String {
    let tag = window_tag();
    let start = if tag.is_empty() {
        format!("{kind}-")
    } else {
        format!("{kind}-{tag}-")
    };
    let highest = used
        .clone()
        .filter_map(|id| id.strip_prefix(start.as_str())?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut n = highest.saturating_add(1);
    loop {
        let id = format!("{start}{n}");
        if !used.clone().any(|u| u == id) {
            return id;
        }
        n = n.wrapping_add(1);
    }
}

/// An item id not used in any of `plans`.
pub fn new_item_id_in(plans: &[&Plan]) -> ItemId {
    ItemId::from(fresh_id(
        "item",
        plans
            .iter()
            .flat_map(|p| p.items.iter().map(|i| i.id.as_str())),
    ))
}

/// A link id not used in any of `plans`.
pub fn new_link_id_in(plans: &[&Plan]) -> LinkId {
    LinkId::from(fresh_id(
        "link",
        plans
            .iter()
            .flat_map(|p| p.links.iter().map(|l| l.id.as_str())),
    ))
}

/// What [`make_room`] renamed: (old id, new id) for items, then for links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renamed {
    pub items: Vec<(ItemId, ItemId)>,
    pub links: Vec<(LinkId, LinkId)>,
}

impl Renamed {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.links.is_empty()
    }
}

/// `ours` with every item and link it added since `base` under an id that
/// `theirs` also added since `base` (for another record) given a fresh id
/// no plan uses; the links of a renamed item follow it. Records added on
/// both sides alike are left as they are: they are one record.
pub fn make_room(base: &Plan, ours: &Plan, theirs: &Plan) -> (Plan, Renamed) {
    let mut out = ours.clone();
    let mut renamed = Renamed::default();
    let base_items: HashSet<&str> = base.items.iter().map(|i| i.id.as_str()).collect();
    let clashing_items: Vec<ItemId> = ours
        .items
        .iter()
        .filter(|i| !base_items.contains(i.id.as_str()))
        .filter(|i| theirs.item(&i.id).is_some_and(|t| t != *i))
        .map(|i| i.id.clone())
        .collect();
    for old in clashing_items {
        let new = new_item_id_in(&[&out, theirs, base]);
        for item in out.items.iter_mut().filter(|i| i.id == old) {
            item.id = new.clone();
        }
        for link in &mut out.links {
            if link.source == old {
                link.source = new.clone();
            }
            if link.target == old {
                link.target = new.clone();
            }
        }
        renamed.items.push((old, new));
    }
    let base_links: HashSet<&str> = base.links.iter().map(|l| l.id.as_str()).collect();
    let clashing_links: Vec<LinkId> = out
        .links
        .iter()
        .filter(|l| !base_links.contains(l.id.as_str()))
        .filter(|l| theirs.link(&l.id).is_some_and(|t| t != *l))
        .map(|l| l.id.clone())
        .collect();
    for old in clashing_links {
        let new = new_link_id_in(&[&out, theirs, base]);
        if let Some(link) = out.links.iter_mut().find(|l| l.id == old) {
            link.id = new.clone();
        }
        renamed.links.push((old, new));
    }
    (out, renamed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn a_tag_numbers_its_own_ids() {
        let plan = demo_plan();
        set_window_tag("K3X9");
        assert_eq!(window_tag(), "k3x9");
        let mut p = plan.clone();
        let first = new_item_id_in(&[&p]);
        assert_eq!(first, "item-k3x9-1");
        let mut item = p.items[0].clone();
        item.id = first;
        p.items.push(item);
        assert_eq!(new_item_id_in(&[&p]), "item-k3x9-2");
        set_window_tag("ab12");
        assert_eq!(new_item_id_in(&[&p]), "item-ab12-1");
        set_window_tag("");
        assert_eq!(new_link_id_in(&[&plan]), "link-1");
    }

    #[test]
    fn tags_are_four_readable_characters() {
        for seed in [0, 1, 35, 36, 1_679_615, u64::MAX] {
            let tag = tag_of(seed);
            assert_eq!(tag.len(), 4);
            assert!(tag.chars().all(|c| c.is_ascii_alphanumeric()));
        }
        assert_ne!(tag_of(1), tag_of(2));
    }
}
