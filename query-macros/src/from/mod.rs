//! `from!(BINDING in SOURCE, clause: value, ...)`: [`parse`] splits the input into the
//! bindings, the source and the clauses; [`check`] validates the clauses in order (with
//! [`value`] for what each clause's value may be, and [`join`] for the joins) and converts
//! their expressions; [`template`] makes the pins the arguments of the call site's build
//! function; [`expand`] writes that function's block of builder calls.

mod check;
mod expand;
mod join;
mod parse;
mod template;
mod value;

use proc_macro2::TokenStream;

/// Expands a `from!` invocation.
pub(crate) fn expand_from(input: TokenStream) -> syn::Result<TokenStream> {
    let parsed = parse::parse(input)?;
    let checked = check::check(parsed)?;
    Ok(expand::expand(checked))
}
