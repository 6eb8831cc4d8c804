//! Collecting every error of a check instead of stopping at the first, so one compile
//! shows the user all their mistakes (each `syn::Error` keeps its own span), and emitting
//! them so that rustc prints exactly those errors.

use proc_macro2::TokenStream;
use quote::quote;

/// Accumulates errors.
#[derive(Default)]
pub(crate) struct Errors {
    first: Option<syn::Error>,
}

impl Errors {
    /// Records an error.
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.first {
            Some(first) => first.combine(error),
            None => self.first = Some(error),
        }
    }

    /// The value, or records its error.
    pub fn take<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// Every recorded error, for a caller that could not build its value because a part
    /// was missing (and recorded why).
    pub fn into_error(self) -> syn::Error {
        self.first.unwrap_or_else(|| {
            syn::Error::new(
                proc_macro2::Span::call_site(),
                "recto-macros lost track of an error here; please report this input",
            )
        })
    }

    /// `Ok(value)` when nothing was recorded, else every recorded error.
    pub fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.first {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// Both results, or the errors of both.
pub(crate) fn both<A, B>(a: syn::Result<A>, b: syn::Result<B>) -> syn::Result<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(mut a), Err(b)) => {
            a.combine(b);
            Err(a)
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

/// Every value, or every error.
pub(crate) fn all<T>(results: impl IntoIterator<Item = syn::Result<T>>) -> syn::Result<Vec<T>> {
    let mut errors = Errors::default();
    let values: Vec<T> = results
        .into_iter()
        .filter_map(|result| errors.take(result))
        .collect();
    errors.finish(values)
}

/// Every error of a macro called in expression position (`from!`, `dynamic!`), as one
/// valid expression.
///
/// `syn::Error::into_compile_error` writes one `compile_error!` call per error back to
/// back, which is only valid where items go: in expression position rustc parses the first
/// call, reports the rest as garbage ("macro expansion ignores `!`") and invents errors
/// about the tokens that follow. Here each call is a statement of one block, and the
/// block ends in a diverging `loop {}` so it has whatever type the surrounding code
/// expects: rustc prints each message at its own span and nothing else.
pub(crate) fn into_expression(error: syn::Error) -> TokenStream {
    let errors = error.into_iter().map(|error| error.into_compile_error());
    quote!({ #(#errors)* loop {} })
}
