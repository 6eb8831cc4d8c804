//! "Did you mean ...?" hints: the closest known word to a misspelt one, by edit distance.
//!
//! The threshold follows rustc's: a suggestion must be within a third of the word's length
//! (at least one edit), and transposed letters count as one edit, so `lenght` suggests
//! `length` and `ordr_by` suggests `order_by`. Failing that, a word that starts exactly
//! one candidate suggests it (`lim` suggests `limit`).

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let limit = word.chars().count().max(3) / 3;
    let close = candidates
        .iter()
        .copied()
        .filter(|candidate| *candidate != word)
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(word) {
                0
            } else {
                distance(word, candidate)
            };
            (distance, candidate)
        })
        // Replacing every letter is no typo: `x` does not suggest `u`.
        .filter(|(distance, _)| *distance <= limit && *distance < word.chars().count())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    close.or_else(|| abbreviated(word, &candidates))
}

/// The one candidate that `word` abbreviates (`lim` for `limit`), if exactly one does: a
/// cut-short word is as likely a typo as a misspelt one, but too far from the whole word
/// for the edit distance.
fn abbreviated<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() < 3 {
        return None;
    }
    let mut starting = candidates
        .iter()
        .filter(|candidate| candidate.starts_with(word) && **candidate != word);
    match (starting.next(), starting.next()) {
        (Some(candidate), None) => Some(candidate),
        _ => None,
    }
}

/// `"; did you mean `x`?"` for the closest candidate, or nothing.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match closest(word, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// Words as a list for a message: "`a`, `b`, `c`".
pub(crate) fn list<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words
        .into_iter()
        .map(|word| format!("`{word}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, distance};

    #[test]
    fn distances() {
        assert_eq!(distance("order_by", "order_by"), 0);
        assert_eq!(distance("ordr_by", "order_by"), 1);
        assert_eq!(distance("lenght", "length"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions() {
        let clauses = ["where", "order_by", "or_where", "select"];
        assert_eq!(closest("ordr_by", clauses), Some("order_by"));
        assert_eq!(closest("wher", clauses), Some("where"));
        assert_eq!(closest("Select", clauses), Some("select"));
        assert_eq!(closest("frobnicate", clauses), None);
        assert_eq!(closest("descending", ["asc", "desc"]), None);
        assert_eq!(closest("dsc", ["asc", "desc"]), Some("asc"));
        assert_eq!(closest("x", ["u", "p"]), None);
        assert_eq!(closest("uu", ["u", "p"]), Some("u"));
        // A word cut short suggests the one clause it starts, and only one.
        assert_eq!(closest("lim", ["limit", "offset"]), Some("limit"));
        assert_eq!(closest("or", ["order_by", "or_where"]), None);
        assert_eq!(closest("or_", ["order_by", "or_where", "or_having"]), None);
    }
}
