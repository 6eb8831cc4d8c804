//! A `from!`'s pins as the arguments of its call site's build function: each `^value` is
//! evaluated at the call as `__recto_arg(value)` and each `x in ^list`'s list as
//! `__recto_list_arg(list)`, and the expressions read them as `__recto_a0`, `__recto_a1`,
//! ... in the order the pins are written. The build function then captures nothing, so it
//! coerces to the `fn` pointer `::recto::dsl::template` keys a template by.
//!
//! A call with more pins than a template holds, with a field name chosen at run time
//! (`field(u, ^name)`, structure rather than a value), or over a composed source that it
//! joins to, or with a set operation (whose member query is a value of the call), is built
//! at once instead.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use super::check::{Checked, Clause};
use super::parse::SourceSpec;
use super::value::{Select, Selected};
use crate::binding::names;
use crate::expr::{Dsl, PinMut};

/// The most pins a template holds: `::recto::dsl::Args` is implemented for tuples up to
/// this length.
const MAX_ARGS: usize = 24;

/// The two halves of a template's arguments.
pub(super) struct Args {
    /// The tuple of the call site's values: `(__recto_arg(id), __recto_list_arg(ids))`.
    pub values: TokenStream,
    /// The build function's pattern for it: `(__recto_a0, __recto_a1)`.
    pub pattern: TokenStream,
}

/// Rewrites every pin of `checked` to read its argument, and returns the arguments; `None`
/// (with nothing rewritten) if the query cannot be a template.
pub(super) fn args(checked: &mut Checked) -> Option<Args> {
    // A composed source's build function takes and returns erased queries, so that it
    // needs no `'static` schema (the source's type is often a generic function's
    // parameter, `fn active<S>(q: Query<S>)`); a join would change the result's schemas,
    // which an erased result cannot give back, so a composed call site that joins is built
    // at once.
    if matches!(checked.source, SourceSpec::Query(_))
        && checked
            .clauses
            .iter()
            .any(|clause| matches!(clause, Clause::Join { .. }))
    {
        return None;
    }
    // A set operation's member, a subquery source and a values list are evaluated at the
    // call, which a build function that captures nothing cannot hold: such a call site is
    // built at once (as is one with a subquery in an expression, below).
    let evaluated =
        |source: &SourceSpec| matches!(source, SourceSpec::Subquery(_) | SourceSpec::Values(_));
    if evaluated(&checked.source)
        || checked.clauses.iter().any(|clause| {
            matches!(clause, Clause::Combine { .. } | Clause::WithCte { .. })
                || matches!(clause, Clause::Join { source, .. } if evaluated(source))
        })
    {
        return None;
    }
    let mut pins = Vec::new();
    for clause in &mut checked.clauses {
        clause_pins(clause, &mut pins);
    }
    if pins.len() > MAX_ARGS {
        return None;
    }
    // Every pin is checked to be a value before any is rewritten.
    let pins = pins
        .into_iter()
        .map(|pin| match pin {
            PinMut::Value(span, tokens) => Some((span, tokens, "arg")),
            PinMut::List(span, tokens) => Some((span, tokens, "list_arg")),
            PinMut::Name | PinMut::Query => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let (mut values, mut pattern) = (Vec::new(), Vec::new());
    for (n, (span, tokens, function)) in pins.into_iter().enumerate() {
        // The argument's name is spanned at the user's expression, so a type error about
        // the pinned value inside the build function still points at what they wrote.
        let at = tokens
            .clone()
            .into_iter()
            .next()
            .map_or(span, |tree| tree.span());
        let name = names::arg(n, at);
        let value = std::mem::replace(tokens, TokenTree::Ident(name.clone()).into());
        let function = names::dsl(function, span);
        values.push(quote_spanned!(span=> #function(#value)));
        pattern.push(TokenTree::Ident(name).into());
    }
    Some(Args {
        values: tuple(values),
        pattern: tuple(pattern),
    })
}

/// The pins of one clause, in the order its expansion writes its expressions.
fn clause_pins<'a>(clause: &'a mut Clause, pins: &mut Vec<PinMut<'a>>) {
    let mut dsl = |dsl: &'a mut Dsl| dsl.pins_mut(pins);
    match clause {
        Clause::Join { on, .. } => on.iter_mut().for_each(dsl),
        Clause::Filter { condition, .. } => dsl(condition),
        Clause::Select { select, .. } => match select {
            Select::One(item) => selected(item).into_iter().for_each(dsl),
            Select::Tuple(items) => items.iter_mut().filter_map(selected).for_each(dsl),
            Select::Struct(_, fields) => fields
                .iter_mut()
                .filter_map(|(_, item)| selected(item))
                .for_each(dsl),
        },
        Clause::Distinct { .. } => {}
        Clause::GroupBy { exprs, .. } => exprs.iter_mut().for_each(dsl),
        Clause::OrderBy { terms, .. } => terms.iter_mut().map(|(_, value)| value).for_each(dsl),
        Clause::Count { count, .. } => dsl(count),
        Clause::Combine { .. } | Clause::WithCte { .. } | Clause::RecursiveCtes { .. } => {}
    }
}

/// The expression of a selected item, if it is not a whole binding.
fn selected(item: &mut Selected) -> Option<&mut Dsl> {
    match item {
        Selected::Binding(_) => None,
        Selected::Expr(value) | Selected::As(value, _) => Some(value),
    }
}

/// A tuple of `items`: `()`, `(a,)` (the comma makes it a tuple) or `(a, b)`.
pub(super) fn tuple(items: Vec<TokenStream>) -> TokenStream {
    match items.as_slice() {
        [one] => quote!((#one,)),
        _ => quote!((#(#items),*)),
    }
}
