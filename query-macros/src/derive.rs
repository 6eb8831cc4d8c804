//! `#[derive(Schema)]`: the run-time description of a struct's table (name, fields,
//! columns, SQL types, primary key) and the compile-time half, a companion struct with one
//! typed `::recto::Column<T>` per field. `from!` expands `u.age` into
//! `<User as Schema>::FIELDS.age`, so a misspelt field is rustc's own "no field" error and
//! the field's Rust type takes part in checking comparisons.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::errors::Errors;

mod field;

use self::field::{FieldDef, field_def};

/// Expands a `#[derive(Schema)]`.
pub(crate) fn expand_derive(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let schema = check(&input)?;
    Ok(expand(&input, &schema))
}

/// What the derive found.
struct SchemaDef {
    table: LitStr,
    fields: Vec<FieldDef>,
}

fn check(input: &DeriveInput) -> syn::Result<SchemaDef> {
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &input.generics,
            "a schema cannot be generic",
        ));
    }
    let table = errors.take(table(input));
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => named
                .named
                .iter()
                .filter_map(|field| errors.take(field_def(field)))
                .collect(),
            _ => {
                errors.push(syn::Error::new(
                    input.ident.span(),
                    "`#[derive(Schema)]` needs a struct with named fields, one per column",
                ));
                Vec::new()
            }
        },
        _ => {
            errors.push(syn::Error::new(
                input.ident.span(),
                "`#[derive(Schema)]` works on structs only, one field per column",
            ));
            Vec::new()
        }
    };
    let Some(table) = table else {
        return Err(errors.into_error());
    };
    errors.finish(SchemaDef { table, fields })
}

/// `#[recto(table = "users")]`, required.
fn table(input: &DeriveInput) -> syn::Result<LitStr> {
    let mut table = None;
    for attr in input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("recto"))
    {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("table") {
                let name: LitStr = meta.value()?.parse()?;
                if name.value().is_empty() {
                    return Err(syn::Error::new(name.span(), "the table name is empty"));
                }
                table = Some(name);
                Ok(())
            } else {
                Err(meta.error(
                    "unknown `recto` attribute; on the struct, write `#[recto(table = \"users\")]`",
                ))
            }
        })?;
    }
    table.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            format!(
                "`#[derive(Schema)]` needs the table's name: add `#[recto(table = \"...\")]` to `{}`",
                input.ident
            ),
        )
    })
}

fn expand(input: &DeriveInput, schema: &SchemaDef) -> TokenStream {
    let (vis, ident) = (&input.vis, &input.ident);
    let fields_ident = format_ident!("{}Fields", ident);
    let table = &schema.table;
    let idents: Vec<&Ident> = schema.fields.iter().map(|f| &f.ident).collect();
    let types = schema.fields.iter().map(|f| &f.ty);
    let names: Vec<String> = schema
        .fields
        .iter()
        .map(|f| f.ident.unraw().to_string())
        .collect();
    let metas = schema.fields.iter().zip(&names).map(|(field, name)| {
        let (column, nullable) = (&field.column, field.nullable);
        let max_length = match field.max_length {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let decimal = match field.decimal {
            Some((p, s)) => quote!(::core::option::Option::Some((#p, #s))),
            None => quote!(::core::option::Option::None),
        };
        let sql = Ident::new(field.sql, field.ty.span());
        quote! {
            ::recto::FieldMeta {
                name: ::std::borrow::Cow::Borrowed(#name),
                column: ::std::borrow::Cow::Borrowed(#column),
                ty: ::recto::Ty::#sql,
                nullable: #nullable,
                max_length: #max_length,
                decimal: #decimal,
            }
        }
    });
    let primary_key = schema
        .fields
        .iter()
        .zip(&names)
        .filter(|(f, _)| f.primary_key)
        .map(|(_, name)| name);
    // Each accessor carries its field's position in `META.fields`, so the planner finds the
    // field without searching by name (it checks the name there first).
    let positions = 0..schema.fields.len();
    let doc = format!("The typed field accessors of `{ident}`, for `from!`.");
    let rows = rows(ident, schema);
    let columns = crate::columns::impls(ident, schema.fields.iter().map(|f| (&f.ident, &f.ty)));
    quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[derive(Clone, Copy)]
        #[allow(missing_docs)]
        #vis struct #fields_ident {
            #(pub #idents: ::recto::Column<#types>,)*
        }

        impl ::recto::row::FieldsRow for #fields_ident {
            type Row = #ident;
            type Nullable = ::core::option::Option<#ident>;
        }

        #rows

        #columns

        impl ::recto::Schema for #ident {
            type Fields = #fields_ident;
            const FIELDS: #fields_ident = #fields_ident {
                #(#idents: ::recto::Column::at(#names, #positions),)*
            };
            const META: ::recto::SchemaMeta = ::recto::SchemaMeta {
                table: ::std::borrow::Cow::Borrowed(#table),
                fields: ::std::borrow::Cow::Borrowed(&[#(#metas),*]),
                primary_key: ::std::borrow::Cow::Borrowed(&[#(::std::borrow::Cow::Borrowed(#primary_key)),*]),
            };
        }
    }
}

/// How rows decode into the schema's struct: one column per field in declaration order (the
/// order `select: u` selects them in), and as `None` for an `Option` of it where every
/// column is NULL (a left join that found no row).
fn rows(ident: &Ident, schema: &SchemaDef) -> TokenStream {
    let idents: Vec<&Ident> = schema.fields.iter().map(|f| &f.ident).collect();
    // In the nullable read, a field that is not an `Option` is read as one first.
    let read_types = schema.fields.iter().map(|f| {
        let ty = &f.ty;
        if f.nullable {
            quote!(#ty)
        } else {
            quote!(::core::option::Option<#ty>)
        }
    });
    let names = schema.fields.iter().map(|f| f.ident.unraw().to_string());
    let values = schema.fields.iter().zip(names).enumerate().map(|(i, (f, name))| {
        let field = &f.ident;
        if f.nullable {
            quote!(#field)
        } else {
            quote!(#field: match #field {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => {
                    return ::core::result::Result::Err(::recto::row::Record::null_field(start + #i, #name));
                }
            })
        }
    });
    quote! {
        impl ::recto::row::FromRecord for #ident {
            fn from_record(
                record: &mut ::recto::row::Record<'_>,
            ) -> ::core::result::Result<Self, ::recto::Error> {
                ::core::result::Result::Ok(#ident { #(#idents: record.read()?,)* })
            }
        }

        impl ::recto::row::NullableRecord for #ident {
            fn from_nullable_record(
                record: &mut ::recto::row::Record<'_>,
            ) -> ::core::result::Result<::core::option::Option<Self>, ::recto::Error> {
                let start = record.position();
                #(let #idents: #read_types = record.read()?;)*
                if true #(&& #idents.is_none())* {
                    return ::core::result::Result::Ok(::core::option::Option::None);
                }
                ::core::result::Result::Ok(::core::option::Option::Some(#ident { #(#values,)* }))
            }
        }
    }
}
