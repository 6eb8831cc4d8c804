//! Row values `(a, b, ...)`: a tuple is a row where it is an operand of a comparison with
//! another tuple (`(u.created_at, u.id) > (^t, ^id)`) or the tested value of `in` a list of
//! tuples (`(u.a, u.b) in [(1, 2), (3, 4)]`). Their lengths are checked here, at the
//! user's tuple; the kinds of their items by rustc, through the rows' types.

use syn::Expr;
use syn::spanned::Spanned;

use super::{Dsl, Kind, convert};
use crate::binding::Scope;

/// The most items a row may have (the row types of `::recto::dsl` go this far).
const MAX_ITEMS: usize = 8;

/// The tuple `expr` is, through parentheses and invisible groups.
pub(super) fn tuple(expr: &Expr) -> Option<&syn::ExprTuple> {
    match expr {
        Expr::Tuple(tuple) => Some(tuple),
        Expr::Paren(paren) => tuple(&paren.expr),
        Expr::Group(group) => tuple(&group.expr),
        _ => None,
    }
}

/// `left op right` where either side is a tuple: both must be rows of one length.
pub(super) fn comparison(
    scope: &mut Scope,
    op: &'static str,
    binary: &syn::ExprBinary,
) -> syn::Result<Dsl> {
    let span = binary.op.span();
    let (left, right) = match (tuple(&binary.left), tuple(&binary.right)) {
        (Some(left), Some(right)) => (left, right),
        (Some(_), None) => return Err(not_a_row(&binary.right)),
        _ => return Err(not_a_row(&binary.left)),
    };
    let (left_row, right_row) = crate::errors::both(row(scope, left), row(scope, right))?;
    same_length(left, right)?;
    Ok(Dsl {
        span,
        kind: Kind::Binary {
            op,
            left: Box::new(left_row),
            right: Box::new(right_row),
        },
    })
}

/// `(a, b) in [(1, 2), (3, 4)]`: every candidate a tuple as long as the tested one.
pub(super) fn in_list(
    scope: &mut Scope,
    tested: &syn::ExprTuple,
    list: &syn::ExprArray,
) -> syn::Result<Kind> {
    let operand = row(scope, tested);
    let candidates = crate::errors::all(list.elems.iter().map(|candidate| {
        let Some(candidate) = tuple(candidate) else {
            return Err(not_a_row(candidate));
        };
        let checked = row(scope, candidate)?;
        same_length(tested, candidate)?;
        Ok(checked)
    }));
    let (operand, list) = crate::errors::both(operand, candidates)?;
    Ok(Kind::InList {
        operand: Box::new(operand),
        list,
    })
}

/// The error for a row tested `in` something other than a list of rows.
pub(super) fn in_other(tested: &syn::ExprTuple) -> syn::Error {
    syn::Error::new(
        tested.paren_token.span.join(),
        "a row value is tested `in` a list of rows written in the query, like `(a, b) in [(1, 2), (3, 4)]`; not in a bound list or a subquery",
    )
}

/// One row: two to eight items, none of them a row.
fn row(scope: &mut Scope, tuple: &syn::ExprTuple) -> syn::Result<Dsl> {
    let span = tuple.paren_token.span.join();
    let len = tuple.elems.len();
    if len < 2 {
        return Err(syn::Error::new(
            span,
            "a row value has two or more items, like `(u.a, u.b)`; for one value drop the parentheses and the comma",
        ));
    }
    if len > MAX_ITEMS {
        return Err(syn::Error::new(
            span,
            format!("a row value has at most {MAX_ITEMS} items, and this one has {len}"),
        ));
    }
    let items = crate::errors::all(tuple.elems.iter().map(|item| match self::tuple(item) {
        Some(nested) => Err(syn::Error::new(
            nested.paren_token.span.join(),
            "a row value cannot be an item of another row; write its items in the outer row",
        )),
        None => convert(scope, item),
    }))?;
    Ok(Dsl {
        span,
        kind: Kind::Row(items),
    })
}

/// Checks that `found` is as long as `expected`, with the error at `found`.
fn same_length(expected: &syn::ExprTuple, found: &syn::ExprTuple) -> syn::Result<()> {
    let (expected, found_len) = (expected.elems.len(), found.elems.len());
    if expected == found_len {
        return Ok(());
    }
    Err(syn::Error::new(
        found.paren_token.span.join(),
        format!(
            "this row has {found_len} items, but the row it is compared with has {expected}: rows compare item by item, so they must be as long"
        ),
    ))
}

/// The error for a scalar compared with a row.
fn not_a_row(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(
        expr,
        "a row value is compared with another row as long, like `(u.a, u.b) > (^x, ^y)`; this is not a row",
    )
}
