//! The scalar functions whose `::recto::dsl` function takes the arguments as written
//! (`lower`, `substring`, `concat`, `round`, `greatest`, ...), `round(x, digits)` with its
//! literal digits, and `selected_as(name)`: their arities, checked here so that a wrong
//! count is an error at the function's name.

use proc_macro2::Ident;
use syn::punctuated::Punctuated;
use syn::{Expr, Token};

use super::convert::convert;
use super::func::arity;
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::all;

/// A scalar function: its arguments converted as they are written, its arity checked. A
/// `concat` of more than two arguments nests (`concat(concat(a, b), c)`), which its
/// `::recto::dsl` function flattens, so every argument is typed; a `substring` without a
/// length calls `substring_from`.
pub(super) fn scalar(
    scope: &mut Scope,
    name: &Ident,
    function: &str,
    args: &Punctuated<Expr, Token![,]>,
) -> syn::Result<Dsl> {
    let (min, max, function) = match function {
        "lower" => (1, 1, "lower"),
        "upper" => (1, 1, "upper"),
        "length" => (1, 1, "length"),
        "trim" => (1, 1, "trim"),
        "ltrim" => (1, 1, "ltrim"),
        "rtrim" => (1, 1, "rtrim"),
        "substring" if args.len() == 2 => (2, 2, "substring_from"),
        "substring" => (2, 3, "substring"),
        "concat" => (2, usize::MAX, "concat"),
        "replace" => (3, 3, "replace"),
        "position" => (2, 2, "position"),
        "abs" => (1, 1, "abs"),
        "ceil" => (1, 1, "ceil"),
        "floor" => (1, 1, "floor"),
        "round" => (1, 2, "round"),
        "sqrt" => (1, 1, "sqrt"),
        "power" => (2, 2, "power"),
        "nullif" => (2, 2, "nullif"),
        "greatest" => (2, usize::MAX, "greatest"),
        "least" => (2, usize::MAX, "least"),
        "json_text" => (1, 1, "json_text"),
        _ => (3, 3, "between"),
    };
    // The functions of any number of arguments nest, two at a time.
    let chained = max == usize::MAX;
    if args.len() < min || args.len() > max {
        let expected = match (min, max) {
            (min, max) if min == max => format!("{min}"),
            (min, usize::MAX) => format!("at least {min}"),
            (min, max) => format!("{min} or {max}"),
        };
        let plural = if max == 1 { "" } else { "s" };
        return Err(syn::Error::new(
            name.span(),
            format!(
                "`{name}` takes {expected} argument{plural}, found {}",
                args.len()
            ),
        ));
    }
    let span = name.span();
    let mut args = all(args.iter().map(|arg| convert(scope, arg)))?.into_iter();
    let mut dsl = Dsl {
        span,
        kind: Kind::Call {
            function,
            args: args.by_ref().take(if chained { 2 } else { max }).collect(),
        },
    };
    // The arguments past the second of a `concat`, a `greatest` or a `least`.
    for arg in args {
        dsl = Dsl {
            span,
            kind: Kind::Call {
                function,
                args: vec![dsl, arg],
            },
        };
    }
    Ok(dsl)
}

/// `selected_as(name)`: the selected expression named `name`, in `order_by:` and
/// `group_by:` (`selected_as(x, name)` belongs in `select:`).
pub(super) fn selected_ref(name: &Ident, args: &Punctuated<Expr, Token![,]>) -> syn::Result<Dsl> {
    let found: Vec<&Expr> = args.iter().collect();
    let alias = match found[..] {
        [Expr::Path(path)] if path.qself.is_none() => path.path.get_ident(),
        [_, _] => {
            return Err(syn::Error::new(
                name.span(),
                "`selected_as(x, name)` names a selected column: write it in `select:`, and `selected_as(name)` in `order_by:` or `group_by:`",
            ));
        }
        _ => None,
    };
    let Some(alias) = alias else {
        return Err(syn::Error::new(
            name.span(),
            "`selected_as(name)` takes the name a `select:` gave with `selected_as(x, name)`, like `selected_as(posts)`",
        ));
    };
    Ok(Dsl {
        span: name.span(),
        kind: Kind::SelectedRef(syn::LitStr::new(
            &syn::ext::IdentExt::unraw(alias).to_string(),
            alias.span(),
        )),
    })
}

/// `round(x, digits)`: the digits a literal, since they are the result's scale.
pub(super) fn round_to(
    scope: &mut Scope,
    name: &Ident,
    args: &Punctuated<Expr, Token![,]>,
) -> syn::Result<Dsl> {
    let [operand, digits] = arity(name, args)?;
    let digits = match digits {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(digits),
            ..
        }) if digits.base10_parse::<u8>().is_ok_and(|n| n <= 28) && digits.suffix().is_empty() => {
            digits.clone()
        }
        other => {
            return Err(syn::Error::new_spanned(
                other,
                "the digits of `round(x, digits)` are a whole number from 0 to 28 written in the query, like `round(x, 2)`: they are the result's scale",
            ));
        }
    };
    Ok(Dsl {
        span: name.span(),
        kind: Kind::RoundTo {
            operand: Box::new(convert(scope, operand)?),
            digits,
        },
    })
}
