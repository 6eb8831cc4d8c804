//! Schemas: what `#[derive(Schema)]` says about a struct, at run time (table, fields,
//! columns, types, primary key) and at compile time (a typed accessor per field).
//!
//! The type-level half ([`BindingAt`], [`Push`]) lets a `Query<(User, Post)>` remember which
//! schema sits at which binding, so `from!([u, p] in q, where: p.title == ^t)` is checked
//! by rustc even when `q` came from another module.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::value::Ty;

/// A struct mapped to a table. Implemented by `#[derive(Schema)]`.
pub trait Schema: 'static {
    /// One [`Column`] per field, named like the fields: the typed accessors the `from!`
    /// macro expands `u.field` into.
    type Fields: Copy + 'static;
    /// The accessors.
    const FIELDS: Self::Fields;
    /// The run-time description the planner checks queries against.
    const META: SchemaMeta;
}

/// The run-time description of a schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemaMeta {
    /// The table.
    pub table: Name,
    /// The fields, in declaration order (the order `select: u` uses).
    pub fields: Cow<'static, [FieldMeta]>,
    /// The fields that make up the primary key, by field name.
    pub primary_key: Cow<'static, [Name]>,
}

impl SchemaMeta {
    /// The field with this Rust name.
    pub fn field(&self, name: &str) -> Option<&FieldMeta> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field with this Rust name, looked up first where `hint` says it is.
    ///
    /// The hint is only trusted when the field at its position has the name asked for, so a
    /// hint made for another schema, or pointing at another field, finds what
    /// [`SchemaMeta::field`] finds (by a search). One case differs: in a schema that names two
    /// fields alike, which no `#[derive(Schema)]` can produce, a hint at the second one finds
    /// the second where the search finds the first.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use recto_core::schema::FieldHint;
    /// use recto_core::{FieldMeta, SchemaMeta, Ty};
    ///
    /// let field = |name: &'static str| FieldMeta {
    ///     name: Cow::Borrowed(name),
    ///     column: Cow::Borrowed(name),
    ///     ty: Ty::I64,
    ///     nullable: false,
    ///     max_length: None,
    ///     decimal: None,
    /// };
    /// let meta = SchemaMeta {
    ///     table: Cow::Borrowed("users"),
    ///     fields: Cow::Owned(vec![field("id"), field("age")]),
    ///     primary_key: Cow::Borrowed(&[]),
    /// };
    /// let right = meta.field_hinted("age", FieldHint::at(1)).map(|f| &f.name);
    /// let wrong = meta.field_hinted("age", FieldHint::at(0)).map(|f| &f.name);
    /// assert_eq!(right, Some(&Cow::Borrowed("age")));
    /// assert_eq!(wrong, Some(&Cow::Borrowed("age")));
    /// ```
    pub fn field_hinted(&self, name: &str, hint: FieldHint) -> Option<&FieldMeta> {
        if let Some(position) = hint.position()
            && let Some(field) = self.fields.get(position)
            && same_text(&field.name, name)
        {
            return Some(field);
        }
        self.field(name)
    }
}

/// Whether two strings are equal, answering without comparing bytes when they are the same
/// bytes: a field name written by the derive and read back from its schema usually is.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

/// Where a field sits in its schema's [`SchemaMeta::fields`], as the derive's typed accessor
/// knew it when it was compiled: a hint that spares the planner a search by name on a wide
/// table, and nothing more.
///
/// A hint is never trusted without checking the name at its position
/// ([`SchemaMeta::field_hinted`]), so a wrong one costs a search and never resolves another
/// field. It says nothing a query means: [`Expr`](crate::Expr)'s equality ignores it,
/// serialization leaves it out (a deserialized query has none), and fields built by name
/// have none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldHint {
    /// The position; 16 bits keep [`Expr`](crate::Expr) from growing by more than the hint
    /// needs, and no table has 65,535 columns.
    position: Option<u16>,
}

impl FieldHint {
    /// No hint: the planner searches by name.
    pub const NONE: FieldHint = FieldHint { position: None };

    /// The hint that the field is at `position` (none past 65,534).
    pub const fn at(position: usize) -> Self {
        FieldHint {
            position: if position < u16::MAX as usize {
                Some(position as u16)
            } else {
                None
            },
        }
    }

    /// The position hinted at, if any.
    pub fn position(self) -> Option<usize> {
        self.position.map(usize::from)
    }
}

/// One field of a schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMeta {
    /// The Rust field name, which queries use.
    pub name: Name,
    /// The column name, which SQL uses (`#[recto(column = "...")]`, else the field name).
    pub column: Name,
    /// The SQL type.
    pub ty: Ty,
    /// Whether the column admits NULL (an `Option` field).
    pub nullable: bool,
    /// For text, the most characters the column holds (`#[recto(varchar(n))]`: `VARCHAR(n)`);
    /// `None` for any length. Only the DDL reads it: queries compare such text as any text.
    #[serde(default)]
    pub max_length: Option<u32>,
    /// For an exact decimal, its precision and scale (`#[recto(decimal(15, 2))]`:
    /// `NUMERIC(15, 2)`): at most `precision` digits, `scale` of them after the point. The
    /// DDL declares it, and the planner reads the scale to give divisions and averages the
    /// same scale on every engine.
    #[serde(default)]
    pub decimal: Option<(u8, u8)>,
}

/// The typed accessor of one field: `T` is the field's Rust type, so comparisons can be
/// checked at compile time.
pub struct Column<T> {
    name: &'static str,
    hint: FieldHint,
    _ty: PhantomData<fn() -> T>,
}

impl<T> Column<T> {
    /// The accessor of the field called `name`, position unknown.
    pub const fn new(name: &'static str) -> Self {
        Column {
            name,
            hint: FieldHint::NONE,
            _ty: PhantomData,
        }
    }

    /// The accessor of the field called `name`, at `position` in its schema's
    /// [`SchemaMeta::fields`] (what `#[derive(Schema)]` writes).
    pub const fn at(name: &'static str, position: usize) -> Self {
        Column {
            name,
            hint: FieldHint::at(position),
            _ty: PhantomData,
        }
    }

    /// The Rust field name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Where the field is in its schema, as far as the accessor knows.
    pub const fn hint(&self) -> FieldHint {
        self.hint
    }
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Column<T> {}

impl<T> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Column({})", self.name)
    }
}

/// The type parameter of a query whose bindings' schemas are not known at compile time: a
/// schemaless source (`"users"`), a deserialized query, or a query whose type was erased.
/// Its fields are reached as `u["name"]` and checked when the query is planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased;

/// The (empty) field accessors of an [`Erased`] binding: `u.name` on such a binding does not
/// compile; write `u["name"]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ErasedFields;

/// A binding's place in a query's type: a [`Schema`] or [`Erased`].
pub trait Slot: 'static {}

impl<T: Schema> Slot for T {}
impl Slot for Erased {}

/// The schema at binding position `I` of a query typed `Query<Self>`.
#[diagnostic::on_unimplemented(
    message = "this query has no binding at position {I} known at compile time",
    note = "the query's type `Query<{Self}>` lists the schemas of its bindings"
)]
pub trait BindingAt<const I: usize> {
    /// The field accessors of that binding.
    type Fields: Copy + 'static;
    /// The accessors.
    const FIELDS: Self::Fields;
}

impl<T: Schema> BindingAt<0> for T {
    type Fields = T::Fields;
    const FIELDS: T::Fields = T::FIELDS;
}

impl<const I: usize> BindingAt<I> for Erased {
    type Fields = ErasedFields;
    const FIELDS: ErasedFields = ErasedFields;
}

/// The field accessors of a binding slot.
pub trait SlotFields {
    /// The accessors.
    type Fields: Copy + 'static;
    /// The accessors.
    const FIELDS: Self::Fields;
}

impl<T: Schema> SlotFields for T {
    type Fields = T::Fields;
    const FIELDS: T::Fields = T::FIELDS;
}

impl SlotFields for Erased {
    type Fields = ErasedFields;
    const FIELDS: ErasedFields = ErasedFields;
}

/// The type of a query after joining a binding typed `P`: `User` + `Post` is `(User, Post)`.
pub trait Push<P> {
    /// The extended type.
    type Output;
}

impl<T: Schema, P: Slot> Push<P> for T {
    type Output = (T, P);
}

impl<P: Slot> Push<P> for Erased {
    type Output = (Erased, P);
}

macro_rules! tuple_bindings {
    ($( ($($name:ident $idx:tt),+) )*) => {$(
        impl<$($name: Slot,)+ P: Slot> Push<P> for ($($name,)+) {
            type Output = ($($name,)+ P);
        }
        tuple_bindings!(@at ($($name),+) $($name $idx)+);
    )*};
    (@at $all:tt $($name:ident $idx:tt)+) => {$(
        tuple_bindings!(@one $all $name $idx);
    )+};
    (@one ($($all:ident),+) $name:ident $idx:tt) => {
        impl<$($all: Slot + SlotFields),+> BindingAt<$idx> for ($($all,)+) {
            type Fields = <$name as SlotFields>::Fields;
            const FIELDS: Self::Fields = <$name as SlotFields>::FIELDS;
        }
    };
}

tuple_bindings! {
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}
