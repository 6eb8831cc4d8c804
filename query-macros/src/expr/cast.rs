//! `cast(x, T)`: Ecto's `type(x, :integer)` with the Rust type the value decodes as. The
//! type is checked here against the ones recto casts to, and named by its full path in the
//! expansion, so it need not be imported where the query is written; which casts are
//! portable is checked by rustc (`::recto::dsl::CastsTo`).

use proc_macro2::{Ident, TokenStream};
use quote::quote_spanned;
use syn::Expr;
use syn::spanned::Spanned;

use super::{Kind, convert};
use crate::binding::Scope;
use crate::errors::both;

/// The types `cast` takes, as the user writes them.
const TARGETS: &str = "`i16`, `i32`, `i64`, `f32`, `f64`, `String` or `NaiveDate`";

/// Types recto knows that `cast` does not take yet.
const NOT_YET: &[&str] = &[
    "bool",
    "Decimal",
    "NaiveDateTime",
    "NaiveTime",
    "DateTime",
    "Uuid",
    "Value",
    "Vec",
];

/// `cast(operand, T)`.
pub(super) fn cast(scope: &mut Scope, operand: &Expr, ty: &Expr) -> syn::Result<Kind> {
    let (operand, ty) = both(convert(scope, operand), target(ty))?;
    Ok(Kind::Cast {
        operand: Box::new(operand),
        ty,
    })
}

/// The tokens of the cast's type, by its full path.
fn target(ty: &Expr) -> syn::Result<TokenStream> {
    let ident = match ty {
        Expr::Path(path) if path.qself.is_none() => path.path.segments.last().map(|s| &s.ident),
        _ => None,
    };
    let Some(ident) = ident else {
        return Err(syn::Error::new(
            ty.span(),
            format!("the second argument of `cast` is a type: {TARGETS}, as in `cast(^x, i64)`"),
        ));
    };
    let span = ident.span();
    let name = ident.to_string();
    Ok(match name.as_str() {
        "i16" | "i32" | "i64" | "f32" | "f64" => {
            let primitive = Ident::new(&name, span);
            quote_spanned!(span=> #primitive)
        }
        "String" => quote_spanned!(span=> ::std::string::String),
        "NaiveDate" => quote_spanned!(span=> ::recto::chrono::NaiveDate),
        other if NOT_YET.contains(&other) => {
            return Err(syn::Error::new(
                span,
                format!("`cast` to `{other}` is not supported yet; recto casts to {TARGETS}"),
            ));
        }
        other => {
            return Err(syn::Error::new(
                span,
                format!("`cast` does not know the type `{other}`; recto casts to {TARGETS}"),
            ));
        }
    })
}
