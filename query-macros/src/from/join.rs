//! A join clause: `join: p in Source` (and the other kinds), its `on:` and `as:`, checked
//! into a [`Clause::Join`] with the binding it declares.

use syn::ext::IdentExt;

use proc_macro2::Ident;

use super::check::{Clause, name_of};
use super::parse::{SourceSpec, parse_source};
use super::value::expression;
use crate::binding::{Binding, Scope, Target, Typing};
use crate::errors::Errors;
use crate::segment::{Keyed, split_in};

/// A join with its `on:` and optional `as:` (in either order).
pub(super) fn join(scope: &mut Scope, clause: Keyed, modifiers: Vec<Keyed>) -> syn::Result<Clause> {
    let mut errors = Errors::default();
    let keyword = clause.keyword.unraw().to_string();
    let kind = match keyword.as_str() {
        "left_join" => "Left",
        "right_join" => "Right",
        "full_join" => "Full",
        "cross_join" => "Cross",
        "inner_lateral_join" => "InnerLateral",
        "left_lateral_join" => "LeftLateral",
        _ => "Inner",
    };
    let (mut on, mut name) = (None, None);
    for modifier in modifiers {
        let slot = if modifier.keyword == "on" {
            &mut on
        } else {
            &mut name
        };
        if slot.is_some() {
            errors.push(syn::Error::new(
                modifier.keyword.span(),
                format!("this join already has an `{}:`", modifier.keyword),
            ));
        } else {
            *slot = Some(modifier);
        }
    }

    let Some((binding, in_token, source)) = split_in(&clause.value) else {
        return Err(syn::Error::new_spanned(
            &clause.value,
            "expected `binding in Source`, as in `join: p in Post`",
        ));
    };
    let source = if source.is_empty() {
        Err(syn::Error::new(
            in_token.span(),
            "expected a schema type or a table name string after `in`",
        ))
    } else {
        let source_tokens = source.clone();
        parse_source(source).and_then(|source| match source {
            SourceSpec::Query(expr) => Err(syn::Error::new_spanned(
                expr,
                "a join reads a schema type, a table name string or `subquery(q)`; to join the rows of a query write `subquery(..)` around it",
            )),
            SourceSpec::Subquery(query) => Ok(SourceSpec::Subquery(query)),
            _ if kind.ends_with("Lateral") => Err(syn::Error::new_spanned(
                source_tokens,
                format!(
                    "`{keyword}:` reads a subquery, which may refer to the bindings before it with `parent_as(name)`: write `subquery(q)`"
                ),
            )),
            source => Ok(source),
        })
    };
    let binding = syn::parse2::<Ident>(binding.clone()).map_err(|_| {
        syn::Error::new_spanned(
            &binding,
            "expected one binding name, as in `join: p in Post`",
        )
    });
    let (Some(binding), source) = (errors.take(binding), errors.take(source)) else {
        return Err(errors.into_error());
    };
    let k = scope.joins();
    let typing = match &source {
        Some(SourceSpec::Schema(schema)) => Typing::Schema(schema.clone()),
        Some(SourceSpec::Subquery(_)) => Typing::Subquery(k + 1),
        _ => Typing::Untyped,
    };
    // A right or full join can leave every binding before it NULL: a row of the joined
    // table that matches none of theirs.
    if matches!(kind, "Right" | "Full") {
        scope.null_earlier();
    }
    errors.take(scope.declare(Binding {
        name: binding,
        target: Target::Join(k),
        typing,
        nullable: matches!(kind, "Left" | "Full" | "LeftLateral"),
    }));

    let on = match on {
        Some(on) if kind == "Cross" => {
            errors.push(syn::Error::new(
                on.keyword.span(),
                "`cross_join:` pairs every row with every row and takes no `on:`; for a condition, write `join:` with this `on:`",
            ));
            None
        }
        None if kind == "Cross" => Some(None),
        Some(on) => errors.take(expression(scope, on.value)).map(Some),
        None => {
            errors.push(syn::Error::new(
                clause.keyword.span(),
                format!(
                    "`{}:` needs an `on:` condition, as in `on: p.user_id == u.id`",
                    clause.keyword
                ),
            ));
            None
        }
    };
    let name = name.and_then(|name| errors.take(name_of(&name)));
    match (source, on) {
        (Some(source), Some(on)) => errors.finish(Clause::Join {
            keyword: clause.keyword,
            kind,
            source,
            on,
            name,
        }),
        _ => Err(errors.into_error()),
    }
}
