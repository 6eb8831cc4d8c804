//! The macro input as segments: the tokens between top-level commas, and the `keyword:`
//! that starts a clause segment.
//!
//! Ecto's keyword lists become comma-separated `keyword: value` pairs in Rust tokens. A
//! comma inside a group (`(a, b)`, `[x, y]`) belongs to that group, so splitting the flat
//! token list at its own commas is all the structure the clause list needs; each value is
//! then parsed on its own.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};

/// One `keyword: value` pair.
pub(crate) struct Keyed {
    /// The keyword (`where`, `order_by`, ...), possibly a Rust keyword.
    pub keyword: Ident,
    /// The tokens after the colon.
    pub value: TokenStream,
}

/// Splits `input` at its top-level commas. A trailing comma is allowed; an empty segment
/// elsewhere is an error.
pub(crate) fn split_commas(input: TokenStream) -> syn::Result<Vec<TokenStream>> {
    let mut segments = Vec::new();
    let mut current = Vec::new();
    let mut empty_at = None;
    for tree in input {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => {
                if current.is_empty() && empty_at.is_none() {
                    empty_at = Some(punct.span());
                }
                segments.push(std::mem::take(&mut current).into_iter().collect());
            }
            _ => current.push(tree),
        }
    }
    if !current.is_empty() {
        segments.push(current.into_iter().collect());
    }
    if let Some(span) = empty_at {
        return Err(syn::Error::new(span, "expected a clause before this comma"));
    }
    Ok(segments)
}

/// Splits `segment` into `keyword: value` when it starts that way (a single colon, not the
/// `::` of a path).
pub(crate) fn keyed(segment: &TokenStream) -> Option<Keyed> {
    let mut trees = segment.clone().into_iter();
    let keyword = match trees.next()? {
        TokenTree::Ident(ident) => ident,
        _ => return None,
    };
    match trees.next()? {
        TokenTree::Punct(colon) if colon.as_char() == ':' => {}
        _ => return None,
    }
    let value: Vec<TokenTree> = trees.collect();
    if matches!(value.first(), Some(TokenTree::Punct(p)) if p.as_char() == ':') {
        return None;
    }
    Some(Keyed {
        keyword,
        value: value.into_iter().collect(),
    })
}

/// The segment split at its first top-level `in`: `u in User` gives `u` and `User`.
pub(crate) fn split_in(segment: &TokenStream) -> Option<(TokenStream, Ident, TokenStream)> {
    let trees: Vec<TokenTree> = segment.clone().into_iter().collect();
    let at = trees
        .iter()
        .position(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "in"))?;
    let in_token = match &trees[at] {
        TokenTree::Ident(ident) => ident.clone(),
        _ => unreachable!("found as an ident"),
    };
    Some((
        trees[..at].iter().cloned().collect(),
        in_token,
        trees[at + 1..].iter().cloned().collect(),
    ))
}

/// The single bracket group `segment` consists of, if it is one: `[a, b]`.
pub(crate) fn as_list(segment: &TokenStream) -> Option<TokenStream> {
    let mut trees = segment.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Bracket => {
            Some(group.stream())
        }
        _ => None,
    }
}

/// The span of a segment's first token, or the call site when it is empty.
pub(crate) fn first_span(segment: &TokenStream) -> Span {
    segment
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |tree| tree.span())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{keyed, split_commas, split_in};

    #[test]
    fn splits_at_top_level_commas_only() {
        let segments =
            split_commas(quote!(u in User, where: f(a, b), select: (u.id, u.name),)).unwrap();
        let printed: Vec<String> = segments.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "u in User",
                "where : f (a , b)",
                "select : (u . id , u . name)"
            ]
        );
    }

    #[test]
    fn rejects_empty_segments() {
        let error = split_commas(quote!(u in User,, where: true)).err().unwrap();
        assert_eq!(error.to_string(), "expected a clause before this comma");
    }

    #[test]
    fn keyword_needs_a_single_colon() {
        assert_eq!(keyed(&quote!(where: u.age > 1)).unwrap().keyword, "where");
        assert!(keyed(&quote!(a::b)).is_none());
        assert!(keyed(&quote!(u.age)).is_none());
    }

    #[test]
    fn splits_at_the_first_in() {
        let (binding, _, source) = split_in(&quote!([u, p] in base)).unwrap();
        assert_eq!(binding.to_string(), "[u , p]");
        assert_eq!(source.to_string(), "base");
    }
}
