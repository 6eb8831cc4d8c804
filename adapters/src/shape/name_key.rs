//! The part of the shape key that encodes names and sources, and the byte primitives every
//! part writes with: lengths, tags and byte strings.

use std::borrow::Cow;

use recto_core::schema::FieldHint;
use recto_core::{BindingRef, FieldMeta, Name, SchemaMeta, Source};

use super::key::{KeyWriter, Uncacheable};
use super::value_key::ty_tag;

impl KeyWriter<'_, '_> {
    pub(super) fn source(&mut self, source: &Source) -> Result<(), Uncacheable> {
        match source {
            Source::Schema(schema) => {
                self.byte(0);
                self.schema(schema)?;
            }
            Source::Table(name) => {
                self.byte(1);
                self.name(name);
            }
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A schema: a static one (what `#[derive(Schema)]` gives) by the address of its fields,
    /// whose contents cannot change; an owned one (deserialized) in full.
    fn schema(&mut self, schema: &SchemaMeta) -> Result<(), Uncacheable> {
        let SchemaMeta {
            table,
            fields,
            primary_key,
        } = schema;
        self.name(table);
        self.list(fields, |writer, field| {
            // A column's maximum length changes only the DDL, never a query's text; a
            // decimal's scale sets the scale of its divisions and averages.
            let FieldMeta {
                name,
                column,
                ty,
                nullable,
                max_length: _,
                decimal,
            } = field;
            writer.name(name);
            writer.name(column);
            writer.byte(ty_tag(*ty)?);
            writer.byte(u8::from(*nullable));
            let (precision, scale) = decimal.unwrap_or((0, 0));
            writer.byte(precision);
            writer.byte(scale);
            Ok(())
        })?;
        self.list(primary_key, |writer, name| {
            writer.name(name);
            Ok(())
        })
    }

    /// A list a schema holds: a static one by its address and length, an owned one item by
    /// item.
    #[expect(
        clippy::ptr_arg,
        reason = "whether the list is borrowed (static) or owned is what is encoded"
    )]
    fn list<T: Clone>(
        &mut self,
        list: &Cow<'static, [T]>,
        mut item: impl FnMut(&mut Self, &T) -> Result<(), Uncacheable>,
    ) -> Result<(), Uncacheable> {
        match list {
            Cow::Borrowed(items) => {
                self.byte(0);
                self.address(items.as_ptr().addr(), items.len());
            }
            Cow::Owned(items) => {
                self.byte(1);
                self.len(items.len());
                for one in items {
                    item(self, one)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn binding(&mut self, binding: &BindingRef) -> Result<(), Uncacheable> {
        match binding {
            BindingRef::Index(index) => {
                self.byte(0);
                self.len(*index);
            }
            BindingRef::Named(name) => {
                self.byte(1);
                self.name(name);
            }
            BindingRef::Last => self.byte(2),
            _ => return Err(Uncacheable),
        }
        Ok(())
    }

    /// A name: a static string by its address and length (the same address and length
    /// are the same text; equal text at two addresses only costs a miss), an owned one in
    /// full.
    pub(super) fn name(&mut self, name: &Name) {
        match name {
            Cow::Borrowed(text) => {
                self.byte(0);
                self.address(text.as_ptr().addr(), text.len());
            }
            Cow::Owned(text) => {
                self.byte(1);
                self.bytes(text.as_bytes());
            }
        }
    }

    pub(super) fn option_name(&mut self, name: Option<&Name>) {
        match name {
            None => self.byte(0),
            Some(name) => {
                self.byte(1);
                self.name(name);
            }
        }
    }

    fn address(&mut self, address: usize, len: usize) {
        self.key.extend_from_slice(&(address as u64).to_le_bytes());
        self.len(len);
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.key.extend_from_slice(bytes);
    }

    /// A length or an index: one byte below 255, else 255 and eight bytes. Most are small,
    /// and a short key is quicker to write, hash and compare.
    pub(super) fn len(&mut self, len: usize) {
        match u8::try_from(len) {
            Ok(small) if small < u8::MAX => self.key.push(small),
            _ => {
                self.key.push(u8::MAX);
                self.key.extend_from_slice(&(len as u64).to_le_bytes());
            }
        }
    }

    pub(super) fn byte(&mut self, byte: u8) {
        self.key.push(byte);
    }
}

/// A field's position hint in two bytes: `u16::MAX` for none (a hint is never that large).
pub(super) fn hint_bytes(hint: FieldHint) -> [u8; 2] {
    hint.position()
        .and_then(|position| u16::try_from(position).ok())
        .unwrap_or(u16::MAX)
        .to_le_bytes()
}
