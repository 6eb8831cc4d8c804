//! `from!(BINDING in SOURCE, clause: value, ...)`: [`parse`] splits the input into the
//! bindings, the source and the clauses; [`check`] validates each clause and converts its
//! expressions; [`expand`] writes the block of builder calls.

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;

/// Expands a `from!` invocation.
pub(crate) fn expand_from(input: TokenStream) -> syn::Result<TokenStream> {
    let parsed = parse::parse(input)?;
    let checked = check::check(parsed)?;
    Ok(expand::expand(&checked))
}
