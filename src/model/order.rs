//! One stable sort for the whole board.
//!
//! `slice::sort_by` is generic over the element and the comparison, so each
//! call site compiles its own copy of the standard library's sort (several
//! kilobytes each in the browser bundle). Here the sorting itself works on
//! positions through a `dyn` comparison and is compiled once; only the small
//! step that moves the elements into place is per type.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal elements in their order (stable),
/// in O(n log n).
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` by the key `key` gives each element, stable.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` puts them: a bottom-up merge
/// sort, which takes the left element on ties and so is stable.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r, mut k) = (start, mid, start);
            while l < mid && r < end {
                if cmp(from[r], from[l]) == Ordering::Less {
                    to[k] = from[r];
                    r += 1;
                } else {
                    to[k] = from[l];
                    l += 1;
                }
                k += 1;
            }
            to[k..k + (mid - l)].copy_from_slice(&from[l..mid]);
            k += mid - l;
            to[k..end].copy_from_slice(&from[r..end]);
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_and_single_stay() {
        let mut v: Vec<i32> = vec![];
        sort_by(&mut v, |a, b| a.cmp(b));
        assert!(v.is_empty());
        let mut v = vec![7];
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, [7]);
    }

    #[test]
    fn sorts_strings_and_keeps_ties_in_order() {
        let mut v = vec![("b", 1), ("a", 2), ("b", 0), ("a", 1)];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [("a", 2), ("a", 1), ("b", 1), ("b", 0)]);
    }

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(
            v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)
        ) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = v;
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
