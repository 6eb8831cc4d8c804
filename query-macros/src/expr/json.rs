//! JSON paths: `x["key"]` and `x[0]` after anything but a binding (`b.meta["a"][0]`,
//! `b["meta"]["a"]`), each step a literal; `json_text(..)` is a scalar function
//! (`scalar.rs`). The base's type is rustc's to check, through the dsl's `JsonBase`.

use quote::ToTokens;
use syn::{Expr, Lit};

use super::convert::convert;
use super::{Dsl, Kind};
use crate::binding::Scope;
use crate::errors::both;

/// `x["key"]` or `x[0]` after anything but a binding: a step of a JSON path on the document
/// `x` (`b.meta["a"][0]`, `b["meta"]["a"]`), whose key or position is a literal.
pub(super) fn json_step(scope: &mut Scope, index: &syn::ExprIndex) -> syn::Result<Dsl> {
    let operand = convert(scope, &index.expr);
    let step = match &*index.index {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(key), ..
        }) => Ok((key.to_token_stream(), false, key.span())),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(n), ..
        }) if n.suffix().is_empty() => match n.base10_parse::<i32>() {
            // A literal has no sign; MariaDB and SQLite wrap positions past 32 bits.
            Ok(_) => Ok((n.to_token_stream(), true, n.span())),
            Err(_) => Err(syn::Error::new(
                n.span(),
                "a JSON array position is a whole number from 0 to 2147483647",
            )),
        },
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            ..
        }) => Err(syn::Error::new_spanned(
            &index.index,
            "a JSON array position counts from 0; positions from the end are not supported, since the engines count them each their own way",
        )),
        Expr::Macro(_) => Err(syn::Error::new_spanned(
            &index.index,
            "a JSON path's keys and positions are written in the query, as in `b.meta[\"key\"][0]`; a key chosen at run time is not supported",
        )),
        other => Err(syn::Error::new_spanned(
            other,
            "a JSON path step is a string literal key or an integer position, as in `b.meta[\"key\"][0]`",
        )),
    };
    let (operand, (step, is_index, span)) = both(operand, step)?;
    Ok(Dsl {
        span,
        kind: Kind::JsonStep {
            operand: Box::new(operand),
            step,
            index: is_index,
        },
    })
}
