//! Checking `from!`'s clauses, in the order written: each keyword is known, each join has
//! its `on:`, each value has the shape its clause takes, and each expression refers only
//! to bindings in scope at that point (a join's binding is visible from its own `on:` on).
//! Every error is collected, so one compile reports them all.

use proc_macro2::{Ident, TokenStream, TokenTree};
use syn::ext::IdentExt;

use super::join::join;
use super::parse::{FromInput, SourceSpec};
use super::value::{Select, count, distinct, expression, group_by, order_by, select};
use crate::binding::{Binding, DeclPlace, Scope, Target, Typing};
use crate::errors::Errors;
use crate::expr::Dsl;
use crate::hint;
use crate::segment::{Keyed, split_in};

/// The clauses `from!` supports, the joins ([`JOINS`]) first.
const CLAUSES: &[&str] = &[
    "join",
    "inner_join",
    "left_join",
    "right_join",
    "full_join",
    "cross_join",
    "inner_lateral_join",
    "left_lateral_join",
    "on",
    "as",
    "where",
    "or_where",
    "select",
    "select_merge",
    "distinct",
    "group_by",
    "having",
    "or_having",
    "order_by",
    "limit",
    "offset",
    "union",
    "union_all",
    "intersect",
    "intersect_all",
    "except",
    "except_all",
    "with_cte",
    "materialized",
    "recursive_ctes",
];

/// Clauses of the query language that are designed but not built yet.
const NOT_YET: &[&str] = &["lock", "windows", "update", "prefix", "with_ties"];

/// The clauses a query has once, each with what to write instead of a second one.
const SINGLETONS: &[(&str, &str)] = &[
    (
        "select",
        "a query selects once: put every column in one `select:`, as in `select: (u.id, u.name)`",
    ),
    ("distinct", "a query has one `distinct:`: keep one"),
    ("limit", "a query has one `limit:`: keep one"),
    ("offset", "a query has one `offset:`: keep one"),
];

/// The join clauses: the first eight of [`CLAUSES`].
const JOINS: &[&str] = CLAUSES.split_at(8).0;

/// A checked `from!`: what the expansion needs and nothing else.
pub(crate) struct Checked {
    /// Every binding, with what the expansion must set up for the ones used.
    pub scope: Scope,
    /// The query's source.
    pub source: SourceSpec,
    /// `as: name` right after the source.
    pub root_name: Option<Ident>,
    /// The clauses, in the order written.
    pub clauses: Vec<Clause>,
}

/// One checked clause; `keyword` is where its builder call is spanned (and so where the
/// clause's recorded location points).
pub(crate) enum Clause {
    /// `join:` / `inner_join:` / `left_join:` / `right_join:` / `full_join:` /
    /// `cross_join:` (which alone has no `on:`).
    Join {
        keyword: Ident,
        kind: &'static str,
        source: SourceSpec,
        on: Option<Dsl>,
        name: Option<Ident>,
    },
    /// `where:`, `or_where:`, `having:`, `or_having:`: `method` is the builder method.
    Filter {
        keyword: Ident,
        method: &'static str,
        condition: Dsl,
    },
    /// `select:`, and `select_merge:` (`merge`), whose value is a struct literal.
    Select {
        keyword: Ident,
        select: Select,
        merge: bool,
    },
    /// `distinct: true | false`.
    Distinct { keyword: Ident, distinct: bool },
    /// `group_by:`.
    GroupBy { keyword: Ident, exprs: Vec<Dsl> },
    /// `order_by:`, each term with its `::recto::Direction` variant.
    OrderBy {
        keyword: Ident,
        terms: Vec<(Ident, Dsl)>,
    },
    /// `limit:` / `offset:`: `method` is the builder method.
    Count {
        keyword: Ident,
        method: &'static str,
        count: Dsl,
    },
    /// `union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:`, `except_all:`:
    /// the member query, a Rust expression (a leading `^` is allowed, as in Ecto).
    Combine { keyword: Ident, member: TokenStream },
    /// `with_cte: "name", as: query` (and `materialized: bool`): Rust expressions, the name
    /// a string.
    WithCte {
        keyword: Ident,
        name: TokenStream,
        query: TokenStream,
        materialized: Option<TokenStream>,
    },
    /// `recursive_ctes: bool`.
    RecursiveCtes { keyword: Ident, value: TokenStream },
}

/// Checks the parsed input.
pub(crate) fn check(input: FromInput) -> syn::Result<Checked> {
    let mut errors = Errors::default();
    let mut scope = Scope::default();
    declare_source_bindings(&mut scope, &input, &mut errors);
    if !matches!(input.source, SourceSpec::Query(_)) {
        scope.set_static_base(1);
    }
    for clause in &input.clauses {
        if JOINS.contains(&clause.keyword.unraw().to_string().as_str())
            && let Some((binding, _, _)) = split_in(&clause.value)
            && let Ok(binding) = syn::parse2::<Ident>(binding)
        {
            scope.expect_later(&binding);
        }
    }
    let mut checked = Checked {
        scope,
        source: input.source,
        root_name: None,
        clauses: Vec::new(),
    };

    let mut clauses = input.clauses.into_iter().peekable();
    let mut first = true;
    let mut seen = Vec::new();
    while let Some(clause) = clauses.next() {
        let keyword = clause.keyword.unraw().to_string();
        if let Some((name, hint)) = SINGLETONS.iter().find(|(name, _)| *name == keyword) {
            if seen.contains(name) {
                errors.push(syn::Error::new(
                    clause.keyword.span(),
                    format!("`{name}:` appears twice in this `from!`; {hint}"),
                ));
            }
            seen.push(name);
        }
        match keyword.as_str() {
            "as" if first => checked.root_name = errors.take(name_of(&clause)),
            "as" => errors.push(syn::Error::new(
                clause.keyword.span(),
                "`as:` names the binding before it: write it right after the source or a join's `on:`",
            )),
            "on" => errors.push(syn::Error::new(
                clause.keyword.span(),
                "`on:` belongs to a join: write it right after `join: p in Source`",
            )),
            "materialized" => errors.push(syn::Error::new(
                clause.keyword.span(),
                "`materialized:` belongs to a CTE: write it after `with_cte: \"name\", as: query`",
            )),
            "with_cte" => {
                let mut modifiers = Vec::new();
                while let Some(next) =
                    clauses.next_if(|next| next.keyword == "as" || next.keyword == "materialized")
                {
                    modifiers.push(next);
                }
                if let Some(cte) = errors.take(with_cte(clause, modifiers)) {
                    checked.clauses.push(cte);
                }
            }
            join_keyword if JOINS.contains(&join_keyword) => {
                let mut modifiers = Vec::new();
                while let Some(next) = clauses.next_if(|next| next.keyword == "on" || next.keyword == "as") {
                    modifiers.push(next);
                }
                let join = join(&mut checked.scope, clause, modifiers);
                if let Some(join) = errors.take(join) {
                    checked.clauses.push(join);
                }
            }
            _ => {
                if let Some(clause) = errors.take(simple_clause(&mut checked.scope, clause)) {
                    checked.clauses.push(clause);
                }
            }
        }
        first = false;
    }
    errors.finish(checked)
}

/// Declares the bindings listed before `in`.
fn declare_source_bindings(scope: &mut Scope, input: &FromInput, errors: &mut Errors) {
    for decl in &input.bindings {
        let (target, typing) = match (&decl.place, &input.source) {
            (DeclPlace::Named(name), _) => {
                (Target::Named(name.unraw().to_string()), Typing::Untyped)
            }
            (DeclPlace::Position(0), SourceSpec::Schema(schema)) => {
                (Target::Position(0), Typing::Schema(schema.clone()))
            }
            (DeclPlace::Position(0), SourceSpec::Subquery(_)) => {
                (Target::Position(0), Typing::Subquery(0))
            }
            (DeclPlace::Position(0), SourceSpec::Table(_) | SourceSpec::Values(_)) => {
                (Target::Position(0), Typing::Untyped)
            }
            (DeclPlace::Last, SourceSpec::Query(_)) => (Target::Last, Typing::Untyped),
            (DeclPlace::Position(position), SourceSpec::Query(_)) => {
                (Target::Position(*position), Typing::Witness(*position))
            }
            (DeclPlace::Position(_) | DeclPlace::Last, _) => {
                errors.push(syn::Error::new(
                    decl.name.span(),
                    "a query that starts from a schema or a table has one binding; list several bindings only to extend an existing query, as in `[u, p] in query`",
                ));
                continue;
            }
        };
        errors.take(scope.declare(Binding {
            name: decl.name.clone(),
            target,
            typing,
            nullable: false,
        }));
    }
}

/// The identifier of an `as: name`.
pub(super) fn name_of(clause: &Keyed) -> syn::Result<Ident> {
    syn::parse2::<Ident>(clause.value.clone()).map_err(|_| {
        syn::Error::new_spanned(&clause.value, "`as:` takes a name, as in `as: author`")
    })
}

/// `with_cte: "name", as: query`, with an optional `materialized: bool`.
fn with_cte(clause: Keyed, modifiers: Vec<Keyed>) -> syn::Result<Clause> {
    let (mut query, mut materialized) = (None, None);
    for modifier in modifiers {
        let slot = if modifier.keyword == "as" {
            &mut query
        } else {
            &mut materialized
        };
        if slot.is_some() {
            return Err(syn::Error::new(
                modifier.keyword.span(),
                format!("this CTE already has a `{}:`", modifier.keyword),
            ));
        }
        *slot = Some(modifier.value);
    }
    if clause.value.is_empty() {
        return Err(syn::Error::new(
            clause.keyword.span(),
            "`with_cte:` takes the CTE's name, as in `with_cte: \"tree\", as: query`",
        ));
    }
    let Some(query) = query else {
        return Err(syn::Error::new(
            clause.keyword.span(),
            "a CTE needs its query: write `as: query` after `with_cte: \"name\"`",
        ));
    };
    Ok(Clause::WithCte {
        keyword: clause.keyword,
        name: clause.value,
        query,
        materialized,
    })
}

/// Every clause but joins and `as:`/`on:`.
fn simple_clause(scope: &mut Scope, clause: Keyed) -> syn::Result<Clause> {
    let Keyed { keyword, value } = clause;
    let name = keyword.unraw().to_string();
    Ok(match name.as_str() {
        "where" | "or_where" | "having" | "or_having" => {
            let method = match name.as_str() {
                "where" => "filter",
                "or_where" => "or_filter",
                "having" => "having",
                _ => "or_having",
            };
            Clause::Filter {
                method,
                condition: expression(scope, value)?,
                keyword,
            }
        }
        "select" => Clause::Select {
            select: select(scope, value)?,
            keyword,
            merge: false,
        },
        "select_merge" => {
            let select = select(scope, value)?;
            if !matches!(select, Select::Struct(..)) {
                return Err(syn::Error::new(
                    keyword.span(),
                    "`select_merge:` takes a struct literal whose fields are merged into the select, as in `select_merge: Summary { posts: count(p.id) }`",
                ));
            }
            Clause::Select {
                select,
                keyword,
                merge: true,
            }
        }
        "distinct" => Clause::Distinct {
            distinct: distinct(&value)?,
            keyword,
        },
        "group_by" => Clause::GroupBy {
            exprs: group_by(scope, &keyword, value)?,
            keyword,
        },
        "order_by" => Clause::OrderBy {
            terms: order_by(scope, value)?,
            keyword,
        },
        "limit" | "offset" => {
            let method = if name == "limit" { "limit" } else { "offset" };
            Clause::Count {
                method,
                count: count(scope, &keyword, value)?,
                keyword,
            }
        }
        "union" | "union_all" | "intersect" | "intersect_all" | "except" | "except_all" => {
            Clause::Combine {
                member: member(&keyword, value)?,
                keyword,
            }
        }
        "recursive_ctes" => {
            if value.is_empty() {
                return Err(syn::Error::new(
                    keyword.span(),
                    "`recursive_ctes:` takes `true` or `false`",
                ));
            }
            Clause::RecursiveCtes { keyword, value }
        }
        other if NOT_YET.contains(&other) => {
            return Err(syn::Error::new(
                keyword.span(),
                format!("`{other}` is not supported yet"),
            ));
        }
        other => {
            let hint = match hint::closest(other, CLAUSES.iter().chain(NOT_YET).copied()) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => format!("; the clauses are {}", hint::list(CLAUSES.iter().copied())),
            };
            return Err(syn::Error::new(
                keyword.span(),
                format!("unknown clause `{other}`{hint}"),
            ));
        }
    })
}

/// A set operation's member: the query expression, without the `^` Ecto writes before it.
fn member(keyword: &Ident, value: TokenStream) -> syn::Result<TokenStream> {
    let mut tokens = value.into_iter().peekable();
    tokens.next_if(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == '^'));
    let member: TokenStream = tokens.collect();
    if member.is_empty() {
        return Err(syn::Error::new(
            keyword.span(),
            format!("`{keyword}:` takes a query, as in `{keyword}: ^other`"),
        ));
    }
    Ok(member)
}
