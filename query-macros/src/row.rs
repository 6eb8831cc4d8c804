//! `#[derive(Row)]`: a struct that a struct literal select (`select: Membership { user: u,
//! org: o.name }`) decodes into, each field read from the columns starting at the one named
//! after it (the planner aliases them so). A field may be any type rows decode into: a
//! plain value, or a whole `#[derive(Schema)]` struct (an `Option` of one for a left-joined
//! binding).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, LitStr};

/// The expansion of `#[derive(Row)]` on `input`.
pub(crate) fn expand_row(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "a row struct cannot be generic",
        ));
    }
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            _ => {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "`#[derive(Row)]` needs a struct with named fields: a struct literal select names them",
                ));
            }
        },
        _ => {
            return Err(syn::Error::new(
                input.ident.span(),
                "`#[derive(Row)]` works on structs with named fields only",
            ));
        }
    };
    let ident = &input.ident;
    let reads = fields.iter().filter_map(|field| {
        let name = field.ident.as_ref()?;
        let column = LitStr::new(&name.unraw().to_string(), name.span());
        Some(quote! {
            #name: {
                record.seek(#column)?;
                record.read()?
            }
        })
    });
    let columns = crate::columns::impls(
        ident,
        fields
            .iter()
            .filter_map(|field| Some((field.ident.as_ref()?, &field.ty))),
    );
    Ok(quote! {
        #columns

        impl ::recto::row::NamedRow for #ident {
            fn from_named(
                record: &mut ::recto::row::Record<'_>,
            ) -> ::core::result::Result<Self, ::recto::Error> {
                ::core::result::Result::Ok(#ident { #(#reads,)* })
            }
        }
    })
}
