//! `from!(BINDING in SOURCE, clause: value, ...)`: [`parse`] splits the input into the
//! bindings, the source and the clauses; [`check`] validates the clauses in order (with
//! [`value`] for what each clause's value may be) and converts their expressions;
//! [`expand`] writes the block of builder calls.

mod check;
mod expand;
mod parse;
mod value;

use proc_macro2::TokenStream;

/// Expands a `from!` invocation.
pub(crate) fn expand_from(input: TokenStream) -> syn::Result<TokenStream> {
    let parsed = parse::parse(input)?;
    let checked = check::check(parsed)?;
    Ok(expand::expand(&checked))
}
