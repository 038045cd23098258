//! Duplicate keys, found after parsing so that the parser stays allocation-light.

use super::pointer::Path;
use super::tree::{Member, Node, Value};

/// Finds duplicate keys in every object of the tree: `(first, duplicate)` member pairs.
/// Kept apart from parsing so that the parser stays allocation-light; objects here are
/// small, so the quadratic scan beats hashing.
pub fn for_each_duplicate_key<'n, 'a>(
    node: &'n Node<'a>,
    path: &Path<'_>,
    f: &mut dyn FnMut(&'n Member<'a>, &'n Member<'a>, &Path<'_>),
) {
    match &node.value {
        Value::Object(members) => {
            if members.len() > 64 {
                // Hostile sizes: sort (key, index) pairs instead of the quadratic scan (the
                // same sort as `rules::names`, so one copy of its code in the .wasm).
                let mut order: Vec<(&str, usize)> = members.iter().enumerate().map(|(i, m)| (&*m.key, i)).collect();
                order.sort_unstable();
                for pair in order.windows(2) {
                    if let (Some(&(key, a)), Some(&(next_key, b))) = (pair.first(), pair.get(1)) {
                        if key == next_key {
                            if let (Some(first), Some(dup)) = (members.get(a), members.get(b)) {
                                f(first, dup, path);
                            }
                        }
                    }
                }
            } else {
                for (i, m) in members.iter().enumerate() {
                    if let Some(first) = members.iter().take(i).find(|p| p.key == m.key) {
                        f(first, m, path);
                    }
                }
            }
            for m in members {
                for_each_duplicate_key(&m.value, &path.key(&m.key), f);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                for_each_duplicate_key(item, &path.index(i), f);
            }
        }
        _ => {}
    }
}
