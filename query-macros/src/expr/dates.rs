//! The date and time functions: `extract(part, x)`, `date_add(d, n, unit)`,
//! `datetime_add(t, n, unit)`, `ago(n, unit)`, `from_now(n, unit)` and `date_diff(a, b)`.
//! A part or a unit is a bare word in the query (`month`, or Ecto's string `"month"`),
//! checked here against the words recto knows, so a misspelt one is a compile error at the
//! word with the nearest suggested, and it becomes the `::recto::dsl` variant of that name:
//! no text the user wrote reaches the SQL.

use proc_macro2::Ident;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Expr, Token};

use super::convert::convert;
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::all;
use crate::hint;

/// The parts `extract` reads; the last three only a timestamp has.
const DATE_PARTS: &[&str] = &["year", "quarter", "month", "day", "dow", "doy"];
const TIME_PARTS: &[&str] = &["hour", "minute", "second"];

/// The units a date moves by, and the ones only a timestamp moves by.
const DATE_UNITS: &[&str] = &["year", "month", "week", "day"];
const TIME_UNITS: &[&str] = &["hour", "minute", "second"];

/// A date function call, `name(args)`.
pub(super) fn call(
    scope: &mut Scope,
    name: &Ident,
    args: &Punctuated<Expr, Token![,]>,
) -> syn::Result<Dsl> {
    let function = name.to_string();
    let (arity, usage) = match function.as_str() {
        "extract" => (2, "extract(part, x), as in `extract(year, u.born)`"),
        "date_add" => (
            3,
            "date_add(date, n, unit), as in `date_add(u.born, 1, month)`",
        ),
        "datetime_add" => (
            3,
            "datetime_add(timestamp, n, unit), as in `datetime_add(p.published_at, 2, hour)`",
        ),
        "ago" => (2, "ago(n, unit), as in `ago(3, day)`"),
        "from_now" => (2, "from_now(n, unit), as in `from_now(3, day)`"),
        _ => (2, "date_diff(a, b), as in `date_diff(u.born, ^day)`"),
    };
    if args.len() != arity {
        return Err(syn::Error::new(
            name.span(),
            format!(
                "`{name}` takes {arity} arguments, found {}; write {usage}",
                args.len()
            ),
        ));
    }
    let args: Vec<&Expr> = args.iter().collect();
    let (dsl_function, ordered) = match function.as_str() {
        "extract" => {
            let (part, word) = keyword(args[0], name, "part", DATE_PARTS, TIME_PARTS)?;
            let function = if TIME_PARTS.contains(&word.as_str()) {
                "extract_time"
            } else {
                "extract_date"
            };
            (function, vec![Arg::Word(part), Arg::Expr(args[1])])
        }
        "date_add" => {
            let (unit, word) = keyword(args[2], name, "unit", DATE_UNITS, TIME_UNITS)?;
            if TIME_UNITS.contains(&word.as_str()) {
                return Err(syn::Error::new(
                    unit.span,
                    format!(
                        "`date_add` moves a date by whole days; to add {word}s use `datetime_add` on a timestamp"
                    ),
                ));
            }
            (
                "date_add",
                vec![Arg::Expr(args[0]), Arg::Expr(args[1]), Arg::Word(unit)],
            )
        }
        "datetime_add" => {
            let (unit, _) = keyword(args[2], name, "unit", DATE_UNITS, TIME_UNITS)?;
            (
                "datetime_add",
                vec![Arg::Expr(args[0]), Arg::Expr(args[1]), Arg::Word(unit)],
            )
        }
        "ago" | "from_now" => {
            let (unit, _) = keyword(args[1], name, "unit", DATE_UNITS, TIME_UNITS)?;
            let function = if function == "ago" { "ago" } else { "from_now" };
            (function, vec![Arg::Expr(args[0]), Arg::Word(unit)])
        }
        _ => ("date_diff", vec![Arg::Expr(args[0]), Arg::Expr(args[1])]),
    };
    let args = all(ordered.into_iter().map(|arg| match arg {
        Arg::Word(dsl) => Ok(dsl),
        Arg::Expr(expr) => convert(scope, expr),
    }))?;
    Ok(Dsl {
        span: name.span(),
        kind: Kind::Call {
            function: dsl_function,
            args,
        },
    })
}

/// An argument as written: a part or unit already read, or an expression to convert.
enum Arg<'a> {
    Word(Dsl),
    Expr(&'a Expr),
}

/// The part or unit `expr` names, as the `::recto::dsl::short` variant it expands to, and
/// the word.
fn keyword(
    expr: &Expr,
    function: &Ident,
    what: &str,
    dates: &[&'static str],
    times: &[&'static str],
) -> syn::Result<(Dsl, String)> {
    let known = || dates.iter().chain(times).copied();
    // A bare word (`month`), or Ecto's spelling as a string literal (`"month"`): either is
    // read here, at compile time, and only the variant it names reaches the expansion.
    let word = match expr {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => path
            .path
            .get_ident()
            .map(|word| (word.unraw().to_string(), word.span())),
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            attrs,
        }) if attrs.is_empty() => Some((text.value(), text.span())),
        _ => None,
    };
    let Some((text, span)) = word else {
        return Err(syn::Error::new_spanned(
            expr,
            format!(
                "the {what} of `{function}` is a word, one of {}",
                hint::list(known())
            ),
        ));
    };
    let Some(found) = known().find(|known| *known == text) else {
        let hint = match hint::closest(&text, known()) {
            Some(close) => format!("; did you mean `{close}`?"),
            None => format!("; the {what}s are {}", hint::list(known())),
        };
        return Err(syn::Error::new(
            span,
            format!("unknown {what} `{text}`{hint}"),
        ));
    };
    let name = match (what, found) {
        ("part", "year") => "part_year",
        ("part", "quarter") => "part_quarter",
        ("part", "month") => "part_month",
        ("part", "day") => "part_day",
        ("part", "dow") => "part_dow",
        ("part", "doy") => "part_doy",
        ("part", "hour") => "part_hour",
        ("part", "minute") => "part_minute",
        ("part", "second") => "part_second",
        (_, "year") => "unit_year",
        (_, "month") => "unit_month",
        (_, "week") => "unit_week",
        (_, "day") => "unit_day",
        (_, "hour") => "unit_hour",
        (_, "minute") => "unit_minute",
        _ => "unit_second",
    };
    Ok((
        Dsl {
            span,
            kind: Kind::Keyword(name),
        },
        text,
    ))
}
