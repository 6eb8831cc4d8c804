//! Token rewriting that turns the two non-Rust pieces of the expression syntax into Rust
//! syntax, so that `syn` can parse every expression with Rust's own precedence:
//!
//! - `^operand` (a bound parameter) becomes the marker macro call `__recto_pin!(operand)`:
//!   the operand is Rust code to evaluate, not query language, and a macro call keeps it
//!   opaque. The operand is what binds tighter than any binary operator: prefix `&`, `*`,
//!   `-`, `!`, then a path, literal or group, then `.field`, `.method(..)`, `.0`, `(..)`,
//!   `[..]` and `?` postfixes, so `^page * per_page` pins `page` only (write
//!   `^(page * per_page)` for the product).
//! - the keyword `in` becomes the binary `^` operator, which sits above comparisons and
//!   below `+ -` in Rust, exactly where `x in [a, b]` belongs. Every user-written `^` is
//!   gone by then, so a `^` operator in the parsed tree always means `in`.
//!
//! Macro calls (`ident!(..)`) are copied untouched: their tokens are another language.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote_spanned;

/// The name of the marker macro a pin becomes.
pub(crate) const PIN_MARKER: &str = "__recto_pin";

/// Rewrites pins and `in` throughout an expression's tokens.
pub(crate) fn preprocess(tokens: TokenStream) -> syn::Result<TokenStream> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    let mut at = 0;
    while at < trees.len() {
        match &trees[at] {
            TokenTree::Punct(caret) if caret.as_char() == '^' => {
                let end = operand_end(&trees, at + 1).ok_or_else(|| {
                    syn::Error::new(
                        caret.span(),
                        "expected a Rust value after `^`, like `^min` or `^(a + b)`",
                    )
                })?;
                let operand: TokenStream = trees[at + 1..end].iter().cloned().collect();
                let marker = Ident::new(PIN_MARKER, caret.span());
                out.extend(quote_spanned!(caret.span()=> #marker!(#operand)));
                at = end;
            }
            TokenTree::Ident(ident) if ident == "in" => {
                let mut caret = Punct::new('^', Spacing::Alone);
                caret.set_span(ident.span());
                out.extend([TokenTree::Punct(caret)]);
                at += 1;
            }
            // Ecto's `type(x, :integer)`: `type` is a Rust keyword, which `syn` would reject
            // with a message about Rust syntax.
            TokenTree::Ident(ident)
                if ident == "type"
                    && matches!(trees.get(at + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis) =>
            {
                return Err(syn::Error::new(
                    ident.span(),
                    "Ecto's `type(x, :integer)` is written `cast(x, i64)` (`type` is a Rust keyword): the second argument is the Rust type the value decodes as",
                ));
            }
            TokenTree::Ident(_) if is_macro_call(&trees, at) => {
                out.extend(trees[at..at + 3].iter().cloned());
                at += 3;
            }
            TokenTree::Group(group) => {
                let mut rewritten = Group::new(group.delimiter(), preprocess(group.stream())?);
                rewritten.set_span(group.span());
                out.extend([TokenTree::Group(rewritten)]);
                at += 1;
            }
            other => {
                out.extend([other.clone()]);
                at += 1;
            }
        }
    }
    Ok(out)
}

/// `ident ! (..)`: a macro call, whose tokens are not ours to rewrite.
fn is_macro_call(trees: &[TokenTree], at: usize) -> bool {
    matches!(trees.get(at + 1), Some(TokenTree::Punct(bang)) if bang.as_char() == '!')
        && matches!(trees.get(at + 2), Some(TokenTree::Group(_)))
}

fn is_punct(tree: Option<&TokenTree>, ch: char) -> bool {
    matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == ch)
}

/// Where the operand of a `^` starting at `start` ends (exclusive), or `None` when there
/// is no operand.
fn operand_end(trees: &[TokenTree], start: usize) -> Option<usize> {
    let mut at = start;
    // Prefix operators, and `mut` after `&`.
    loop {
        match trees.get(at) {
            Some(TokenTree::Punct(p)) if matches!(p.as_char(), '&' | '*' | '-' | '!') => at += 1,
            Some(TokenTree::Ident(ident)) if ident == "mut" && at > start => at += 1,
            _ => break,
        }
    }
    // The primary: a path, a literal or a group.
    match trees.get(at)? {
        TokenTree::Literal(_) | TokenTree::Group(_) => at += 1,
        TokenTree::Ident(_) => at = path_end(trees, at),
        TokenTree::Punct(p) if p.as_char() == ':' && is_punct(trees.get(at + 1), ':') => {
            at = path_end(trees, at)
        }
        TokenTree::Punct(_) => return None,
    }
    // A macro call as the operand: `^vec![1, 2]`.
    if is_punct(trees.get(at), '!') && matches!(trees.get(at + 1), Some(TokenTree::Group(_))) {
        at += 2;
    }
    // Postfixes.
    loop {
        match trees.get(at) {
            Some(TokenTree::Punct(dot)) if dot.as_char() == '.' => match trees.get(at + 1) {
                Some(TokenTree::Ident(_)) => at = turbofish_end(trees, at + 2),
                Some(TokenTree::Literal(_)) => at += 2,
                _ => break,
            },
            Some(TokenTree::Group(group))
                if matches!(
                    group.delimiter(),
                    Delimiter::Parenthesis | Delimiter::Bracket
                ) =>
            {
                at += 1
            }
            Some(TokenTree::Punct(question)) if question.as_char() == '?' => at += 1,
            _ => break,
        }
    }
    Some(at)
}

/// The end of a path starting at `at`: `a::b::<T>::c`, with an optional leading `::`.
fn path_end(trees: &[TokenTree], mut at: usize) -> usize {
    if is_punct(trees.get(at), ':') {
        at += 2;
    }
    loop {
        if matches!(trees.get(at), Some(TokenTree::Ident(_))) {
            at += 1;
        }
        if is_punct(trees.get(at), ':') && is_punct(trees.get(at + 1), ':') {
            at += 2;
            if is_punct(trees.get(at), '<') {
                at = angle_end(trees, at);
            }
        } else {
            return at;
        }
    }
}

/// After a method name: an optional `::<..>` turbofish.
fn turbofish_end(trees: &[TokenTree], at: usize) -> usize {
    if is_punct(trees.get(at), ':')
        && is_punct(trees.get(at + 1), ':')
        && is_punct(trees.get(at + 2), '<')
    {
        angle_end(trees, at + 2)
    } else {
        at
    }
}

/// Past the `>` matching the `<` at `at`.
fn angle_end(trees: &[TokenTree], mut at: usize) -> usize {
    let mut depth = 0usize;
    while let Some(tree) = trees.get(at) {
        at += 1;
        if let TokenTree::Punct(p) = tree {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !is_punct(trees.get(at - 2), '-') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::preprocess;

    fn rewrite(tokens: proc_macro2::TokenStream) -> String {
        preprocess(tokens).unwrap().to_string()
    }

    #[test]
    fn pins_take_the_tightest_operand() {
        assert_eq!(
            rewrite(quote!(u.age >= ^min)),
            "u . age >= __recto_pin ! (min)"
        );
        assert_eq!(
            rewrite(quote!(^page * per_page)),
            "__recto_pin ! (page) * per_page"
        );
        assert_eq!(
            rewrite(quote!(^(page * per_page))),
            "__recto_pin ! ((page * per_page))"
        );
        assert_eq!(
            rewrite(quote!(^self.filters[0].name.as_str() == u.name)),
            "__recto_pin ! (self . filters [0] . name . as_str ()) == u . name"
        );
        assert_eq!(rewrite(quote!(^&-x.0)), "__recto_pin ! (& - x . 0)");
        assert_eq!(
            rewrite(quote!(^a::b::C + 1)),
            "__recto_pin ! (a :: b :: C) + 1"
        );
        assert_eq!(
            rewrite(quote!(^::std::i32::MAX)),
            "__recto_pin ! (:: std :: i32 :: MAX)"
        );
        assert_eq!(
            rewrite(quote!(^parse()? > 1)),
            "__recto_pin ! (parse () ?) > 1"
        );
        assert_eq!(
            rewrite(quote!(^vec![1, 2])),
            "__recto_pin ! (vec ! [1 , 2])"
        );
        assert_eq!(
            rewrite(quote!(^it.collect::<Vec<_>>() == 1)),
            "__recto_pin ! (it . collect :: < Vec < _ >> ()) == 1"
        );
        assert_eq!(rewrite(quote!(^"text")), "__recto_pin ! (\"text\")");
    }

    #[test]
    fn in_becomes_the_caret_operator_outside_macro_calls() {
        assert_eq!(
            rewrite(quote!(u.id in [1, ^two])),
            "u . id ^ [1 , __recto_pin ! (two)]"
        );
        assert_eq!(
            rewrite(quote!((u.id in ^ids) && x)),
            "(u . id ^ __recto_pin ! (ids)) && x"
        );
        assert_eq!(
            rewrite(quote!(exists(from!(p in Post)))),
            "exists (from ! (p in Post))"
        );
    }

    #[test]
    fn a_caret_needs_an_operand() {
        assert!(preprocess(quote!(u.age > ^)).is_err());
        assert!(preprocess(quote!(u.age > ^ + 1)).is_err());
    }
}
