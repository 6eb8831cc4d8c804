//! The value each clause takes: a condition, a `select:` shape, `distinct: true | false`,
//! `group_by:` and `order_by:` lists (with the six directions), and the integer literal or
//! pin of `limit:` and `offset:`. Which clause comes when is [`check`](super::check)'s
//! business.

use proc_macro2::{Ident, TokenStream};
use syn::ext::IdentExt;
use syn::{Expr, Member};

use crate::binding::Scope;
use crate::errors::all;
use crate::expr::{self, Dsl, Kind, binding_of, convert};
use crate::hint;
use crate::segment::{Keyed, as_list, keyed, split_commas};

/// The `order_by:` directions, with their `::recto::Direction` variants.
const DIRECTIONS: &[(&str, &str)] = &[
    ("asc", "Asc"),
    ("desc", "Desc"),
    ("asc_nulls_first", "AscNullsFirst"),
    ("asc_nulls_last", "AscNullsLast"),
    ("desc_nulls_first", "DescNullsFirst"),
    ("desc_nulls_last", "DescNullsLast"),
];

/// The shape of `select:`.
pub(crate) enum Select {
    /// `select: x`.
    One(Selected),
    /// `select: (a, b)`.
    Tuple(Vec<Selected>),
    /// `select: Summary { id: u.id }`: the field names and their expressions.
    Struct(syn::Path, Vec<(Ident, Selected)>),
}

/// One selected thing.
pub(crate) enum Selected {
    /// A whole binding (`select: u`).
    Binding(usize),
    /// An expression.
    Expr(Dsl),
    /// `selected_as(x, name)`: an expression whose column is named.
    As(Dsl, Ident),
}

/// A clause value that is one expression. Whether it must be boolean (`where:`, `on:`)
/// is rustc's to check, through the `::recto::dsl` call the clause expands to.
pub(super) fn expression(scope: &mut Scope, value: TokenStream) -> syn::Result<Dsl> {
    convert(scope, &expr::parse(value)?)
}

pub(super) fn select(scope: &mut Scope, value: TokenStream) -> syn::Result<Select> {
    let expr = expr::parse(value)?;
    let item = |scope: &mut Scope, expr: &Expr| {
        if let Some((value, name)) = selected_as(expr)? {
            return convert(scope, value).map(|value| Selected::As(value, name));
        }
        match binding_of(scope, expr) {
            Some(binding) => {
                // The binding's field accessors type the selected row.
                scope.mark_used(binding, true);
                Ok(Selected::Binding(binding))
            }
            None => convert(scope, expr).map(Selected::Expr),
        }
    };
    match &expr {
        Expr::Tuple(tuple) if tuple.elems.is_empty() => Err(syn::Error::new_spanned(
            tuple,
            "`select:` needs at least one value",
        )),
        Expr::Tuple(tuple) => {
            all(tuple.elems.iter().map(|elem| item(scope, elem))).map(Select::Tuple)
        }
        Expr::Struct(literal) => {
            if let Some(rest) = &literal.rest {
                return Err(syn::Error::new_spanned(
                    rest,
                    "a selected struct lists every field; `..` is not supported",
                ));
            }
            let fields = literal.fields.iter().map(|field| match &field.member {
                Member::Named(name) => item(scope, &field.expr).map(|item| (name.clone(), item)),
                Member::Unnamed(index) => Err(syn::Error::new(
                    index.span,
                    "a selected struct has named fields, as in `Summary { id: u.id }`",
                )),
            });
            all(fields).map(|fields| Select::Struct(literal.path.clone(), fields))
        }
        _ => item(scope, &expr).map(Select::One),
    }
}

/// `selected_as(x, name)`: the expression and the name, which is an identifier.
fn selected_as(expr: &Expr) -> syn::Result<Option<(&Expr, Ident)>> {
    let Expr::Call(call) = expr else {
        return Ok(None);
    };
    if !matches!(&*call.func, Expr::Path(path) if path.path.is_ident("selected_as"))
        || call.args.len() != 2
    {
        return Ok(None);
    }
    let name = match &call.args[1] {
        Expr::Path(path) if path.qself.is_none() && path.path.get_ident().is_some() => {
            path.path.get_ident().cloned()
        }
        _ => None,
    };
    match name {
        Some(name) => Ok(Some((&call.args[0], name))),
        None => Err(syn::Error::new_spanned(
            &call.args[1],
            "`selected_as(x, name)` names the column with an identifier, like `selected_as(count(p.id), posts)`",
        )),
    }
}

pub(super) fn distinct(value: &TokenStream) -> syn::Result<bool> {
    if as_list(value).is_some() {
        return Err(syn::Error::new_spanned(
            value,
            "`distinct: [..]` (DISTINCT ON) is not supported yet",
        ));
    }
    syn::parse2::<syn::LitBool>(value.clone())
        .map(|lit| lit.value)
        .map_err(|_| syn::Error::new_spanned(value, "`distinct:` takes `true` or `false`"))
}

pub(super) fn group_by(
    scope: &mut Scope,
    keyword: &Ident,
    value: TokenStream,
) -> syn::Result<Vec<Dsl>> {
    let items = match as_list(&value) {
        Some(inner) => split_commas(inner)?,
        None => vec![value],
    };
    if items.is_empty() {
        return Err(syn::Error::new(
            keyword.span(),
            "`group_by:` needs at least one expression",
        ));
    }
    all(items.into_iter().map(|item| expression(scope, item)))
}

pub(super) fn order_by(scope: &mut Scope, value: TokenStream) -> syn::Result<Vec<(Ident, Dsl)>> {
    let items = match as_list(&value) {
        Some(inner) => split_commas(inner)?,
        None => vec![value],
    };
    all(items.into_iter().map(|item| match keyed(&item) {
        Some(Keyed { keyword, value }) => {
            let name = keyword.unraw().to_string();
            let Some((_, variant)) = DIRECTIONS.iter().find(|(direction, _)| *direction == name)
            else {
                let names = DIRECTIONS.iter().map(|(direction, _)| *direction);
                let hint = hint::did_you_mean(&name, names.clone());
                return Err(syn::Error::new(
                    keyword.span(),
                    format!(
                        "unknown direction `{name}`{hint}; `order_by:` takes {}",
                        hint::list(names)
                    ),
                ));
            };
            Ok((
                Ident::new(variant, keyword.span()),
                expression(scope, value)?,
            ))
        }
        None => {
            let term = expression(scope, item)?;
            Ok((Ident::new("Asc", term.span), term))
        }
    }))
}

/// `limit:` / `offset:`: an integer literal or a pin, as in Ecto (MySQL accepts nothing
/// else there).
pub(super) fn count(scope: &mut Scope, keyword: &Ident, value: TokenStream) -> syn::Result<Dsl> {
    let expr = expr::parse(value)?;
    let literal = matches!(
        &expr,
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(_),
            ..
        })
    );
    let pin = matches!(&expr, Expr::Macro(_));
    if !literal && !pin {
        return Err(syn::Error::new_spanned(
            &expr,
            format!(
                "`{keyword}:` takes an integer literal or a Rust value bound with `^`, as in `{keyword}: ^per_page`"
            ),
        ));
    }
    let count = convert(scope, &expr)?;
    debug_assert!(matches!(count.kind, Kind::Lit(_) | Kind::Pin(_)));
    Ok(count)
}
