//! The compile-time columns of a row type (`recto::columns`): the impls the derives emit
//! for each field, and the key `s.field` on a subquery source asks for.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use syn::ext::IdentExt;

/// The key of a column name: the 64-bit FNV-1a hash of the name, as
/// `recto::columns::column_key` computes it (this crate cannot depend on that one, so the
/// function is written twice; a test of the facade checks that they agree).
pub(crate) fn key(name: &str) -> Literal {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Literal::u64_unsuffixed(hash)
}

/// `RowColumns` for `ident` and `ColumnNamed<key>` for each of its fields, typed as the
/// field is declared.
pub(crate) fn impls<'a>(
    ident: &Ident,
    fields: impl Iterator<Item = (&'a Ident, &'a syn::Type)>,
) -> TokenStream {
    let impls = fields.map(|(name, ty)| {
        let key = key(&name.unraw().to_string());
        quote! {
            impl ::recto::columns::ColumnNamed<#key> for #ident {
                type Field = #ty;
            }
        }
    });
    quote! {
        impl ::recto::columns::RowColumns for #ident {}
        #(#impls)*
    }
}
