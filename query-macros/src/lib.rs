//! recto-macros: `from!`, `dynamic!` and `#[derive(Schema)]`. (Skeleton.)
use proc_macro::TokenStream;

/// Builds a query. (Skeleton.)
#[proc_macro]
pub fn from(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Builds a dynamic condition. (Skeleton.)
#[proc_macro]
pub fn dynamic(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Derives `recto::Schema`. (Skeleton.)
#[proc_macro_derive(Schema, attributes(recto))]
pub fn derive_schema(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
