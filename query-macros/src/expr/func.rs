//! The query functions: `is_nil`, `like`, `ilike`, `count`, `sum`, `avg`, `min`, `max`,
//! `coalesce`, `cast` (`cast.rs`), `field`, `filter` (`branches.rs`), the scalar functions
//! (`lower`, `substring`, ...: `scalar.rs`), the date functions (`extract`, `date_add`, ...:
//! `dates.rs`), and the subquery forms `exists` and `subquery` (`nesting.rs`); their
//! arities, and the names DESIGN.md promises that are not built yet (a clear "not supported
//! yet" rather than "unknown function").

use proc_macro2::Ident;
use syn::punctuated::Punctuated;
use syn::{Expr, Token};

use super::convert::{convert, pin};
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::{all, both};
use crate::hint;

/// The functions this version of the macro supports.
const SUPPORTED: &[&str] = &[
    "is_nil",
    "like",
    "ilike",
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "coalesce",
    "lower",
    "upper",
    "length",
    "trim",
    "ltrim",
    "rtrim",
    "substring",
    "concat",
    "replace",
    "position",
    "abs",
    "ceil",
    "floor",
    "round",
    "sqrt",
    "power",
    "nullif",
    "greatest",
    "least",
    "between",
    "selected_as",
    "cast",
    "json_text",
    "date_diff",
    "field",
    "exists",
    "subquery",
    "any",
    "all",
    "parent_as",
    "filter",
    "fragment",
];

/// Functions of the query language that are designed but not built yet.
const NOT_YET: &[&str] = &[
    "over",
    "row_number",
    "rank",
    "dense_rank",
    "percent_rank",
    "cume_dist",
    "ntile",
    "lag",
    "lead",
    "first_value",
    "last_value",
    "nth_value",
    "datetime_add",
    "date_add",
    "ago",
    "from_now",
    "extract",
    "json_extract_path",
];

/// Converts `f(args)`.
pub(super) fn call(scope: &mut Scope, call: &syn::ExprCall) -> syn::Result<Dsl> {
    if let Expr::Path(path) = &*call.func
        && path.qself.is_none()
        && path.path.segments.len() == 1
        && let Some(segment) = path.path.segments.first()
        && segment.ident == "fragment"
    {
        let ty = super::fragment::turbofish(&path.path)?;
        return super::fragment::fragment(scope, &segment.ident, ty, &call.args);
    }
    let name = match &*call.func {
        Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
        _ => None,
    };
    let Some(name) = name else {
        return Err(syn::Error::new_spanned(
            &call.func,
            "only query functions can be called here, like `count(u.id)`; to call Rust code bind its result with `^`, as in `^f(x)`",
        ));
    };
    let span = name.span();
    let args = &call.args;
    let kind = match name.to_string().as_str() {
        "is_nil" => {
            let [operand] = arity(name, args)?;
            Kind::IsNil(Box::new(convert(scope, operand)?))
        }
        function @ ("like" | "ilike") => {
            let [operand, pattern] = arity(name, args)?;
            let (operand, pattern) = both(convert(scope, operand), convert(scope, pattern))?;
            Kind::Like {
                operand: Box::new(operand),
                pattern: Box::new(pattern),
                case_insensitive: function == "ilike",
            }
        }
        "count" => count(scope, name, args)?,
        func @ ("sum" | "avg" | "min" | "max") => {
            let [operand] = arity(name, args)?;
            let func = match func {
                "sum" => "sum",
                "avg" => "avg",
                "min" => "min",
                _ => "max",
            };
            Kind::Aggregate {
                func,
                operand: Box::new(convert(scope, operand)?),
            }
        }
        "coalesce" => {
            if args.len() < 2 {
                return Err(syn::Error::new(
                    span,
                    "`coalesce` takes at least two arguments",
                ));
            }
            let (first, rest) = both(
                convert(scope, &args[0]),
                all(args.iter().skip(1).map(|arg| convert(scope, arg))),
            )?;
            Kind::Coalesce {
                first: Box::new(first),
                rest,
            }
        }
        "cast" => {
            let [operand, ty] = arity(name, args)?;
            super::cast::cast(scope, operand, ty)?
        }
        "field" => return field(scope, name, args),
        "round" if args.len() == 2 => return super::scalar::round_to(scope, name, args),
        "selected_as" => return super::scalar::selected_ref(name, args),
        function @ ("lower" | "upper" | "length" | "trim" | "ltrim" | "rtrim" | "substring"
        | "concat" | "replace" | "position" | "abs" | "ceil" | "floor" | "round"
        | "sqrt" | "power" | "nullif" | "greatest" | "least" | "between"
        | "json_text") => {
            return super::scalar::scalar(scope, name, function, args);
        }
        "filter" => super::branches::filter(scope, name, args)?,
        "extract" | "date_add" | "datetime_add" | "ago" | "from_now" | "date_diff" => {
            return super::dates::call(scope, name, args);
        }
        "exists" | "subquery" => {
            let args: Vec<&Expr> = args.iter().collect();
            super::nesting::test(name, &args)?
        }
        "any" | "all" => {
            return Err(syn::Error::new(
                span,
                format!(
                    "`{name}(q)` compares a value with a query's values: write it after a comparison, as in `x > {name}(q)`"
                ),
            ));
        }
        "splice" | "identifier" => {
            return Err(syn::Error::new(
                span,
                format!(
                    "`{name}(^..)` fills a placeholder of a fragment: write it as an argument of `fragment`, as in `fragment(\"f(?)\", {name}(^x))`"
                ),
            ));
        }
        "parent_as" => {
            return Err(syn::Error::new(
                span,
                "`parent_as(name)` is a binding of an enclosing query: use one of its fields, as in `parent_as(name).id`",
            ));
        }
        "json_extract_path" => {
            return Err(syn::Error::new(
                span,
                "Ecto's `json_extract_path(x, [\"a\", 0])` is written `x[\"a\"][0]` in from!, as in `b.meta[\"a\"][0]`",
            ));
        }
        other if NOT_YET.contains(&other) => {
            return Err(syn::Error::new(
                span,
                format!("`{other}` is not supported yet"),
            ));
        }
        other => {
            let hint = match hint::closest(other, SUPPORTED.iter().chain(NOT_YET).copied()) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => format!(
                    "; the query functions are {}",
                    hint::list(SUPPORTED.iter().copied())
                ),
            };
            return Err(syn::Error::new(
                span,
                format!("unknown function `{other}`{hint}"),
            ));
        }
    };
    Ok(Dsl { span, kind })
}

/// Exactly `N` arguments.
pub(super) fn arity<'a, const N: usize>(
    name: &Ident,
    args: &'a Punctuated<Expr, Token![,]>,
) -> syn::Result<[&'a Expr; N]> {
    let found: Vec<&Expr> = args.iter().collect();
    found.try_into().map_err(|found: Vec<&Expr>| {
        let plural = if N == 1 { "" } else { "s" };
        syn::Error::new(
            name.span(),
            format!("`{name}` takes {N} argument{plural}, found {}", found.len()),
        )
    })
}

/// `count()`, `count(x)`, `count(x, distinct)`.
fn count(scope: &mut Scope, name: &Ident, args: &Punctuated<Expr, Token![,]>) -> syn::Result<Kind> {
    let found: Vec<&Expr> = args.iter().collect();
    match found[..] {
        [] => Ok(Kind::CountAll),
        [operand] => Ok(Kind::Count {
            operand: Box::new(convert(scope, operand)?),
            distinct: false,
        }),
        [operand, flag] => {
            let is_distinct = matches!(flag, Expr::Path(path) if path.path.is_ident("distinct"));
            if !is_distinct {
                return Err(syn::Error::new_spanned(
                    flag,
                    "the second argument of `count` can only be `distinct`",
                ));
            }
            Ok(Kind::Count {
                operand: Box::new(convert(scope, operand)?),
                distinct: true,
            })
        }
        _ => Err(syn::Error::new(
            name.span(),
            "`count` takes at most two arguments: `count(x, distinct)`",
        )),
    }
}

/// `field(b, ^name)`: a field chosen at run time.
fn field(scope: &mut Scope, name: &Ident, args: &Punctuated<Expr, Token![,]>) -> syn::Result<Dsl> {
    let [binding, field_name] = arity(name, args)?;
    let binding = match binding {
        Expr::Path(path)
            if let Some(ident) = path.path.get_ident()
                && path.qself.is_none() =>
        {
            scope.find(ident).ok_or_else(|| scope.unknown(ident))?
        }
        other => {
            return Err(syn::Error::new_spanned(
                other,
                "the first argument of `field` is a binding, like `u`",
            ));
        }
    };
    let field_name = match field_name {
        Expr::Macro(mac) => pin(mac)?,
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => quote::ToTokens::to_token_stream(lit),
        other => {
            return Err(syn::Error::new_spanned(
                other,
                "the second argument of `field` is the field's name bound with `^`, like `field(u, ^name)`",
            ));
        }
    };
    scope.mark_used(binding, false);
    Ok(Dsl {
        span: name.span(),
        kind: Kind::FieldByName {
            binding,
            name: field_name,
        },
    })
}
