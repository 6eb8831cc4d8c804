//! A returned row as recto reads it ([`Record`]), and the types it reads
//! ([`FromRecord`], [`FromColumn`]).

use recto_core::Error;

use super::SqlxColumn;

/// One returned row, read column by column from the left.
pub struct Record<'r> {
    row: EngineRow<'r>,
    next: usize,
}

/// The row of the engine that answered.
#[derive(Clone, Copy)]
pub(crate) enum EngineRow<'r> {
    #[cfg(feature = "postgres")]
    Postgres(&'r sqlx::postgres::PgRow),
    #[cfg(feature = "mysql")]
    MySql(&'r sqlx::mysql::MySqlRow),
    #[cfg(feature = "sqlite")]
    Sqlite(&'r sqlx::sqlite::SqliteRow),
    /// Holds the lifetime when no engine is compiled in (and no row can exist).
    #[allow(dead_code, reason = "never built: it only holds the lifetime")]
    None(std::convert::Infallible, std::marker::PhantomData<&'r ()>),
}

impl EngineRow<'_> {
    /// A PostgreSQL row.
    #[cfg(feature = "postgres")]
    #[inline]
    pub(crate) fn postgres(row: &sqlx::postgres::PgRow) -> EngineRow<'_> {
        EngineRow::Postgres(row)
    }

    /// A MySQL row.
    #[cfg(feature = "mysql")]
    #[inline]
    pub(crate) fn mysql(row: &sqlx::mysql::MySqlRow) -> EngineRow<'_> {
        EngineRow::MySql(row)
    }

    /// A SQLite row.
    #[cfg(feature = "sqlite")]
    #[inline]
    pub(crate) fn sqlite(row: &sqlx::sqlite::SqliteRow) -> EngineRow<'_> {
        EngineRow::Sqlite(row)
    }
}

impl<'r> Record<'r> {
    /// The row, read from its first column.
    #[allow(dead_code, reason = "unused when no engine is compiled in")]
    #[inline]
    pub(crate) fn new(row: EngineRow<'r>) -> Self {
        Record { row, next: 0 }
    }

    /// Reads the next value of type `T`: one column for a plain value, several for a tuple
    /// or a schema struct.
    #[inline]
    pub fn read<T: FromRecord>(&mut self) -> Result<T, Error> {
        T::from_record(self)
    }

    /// Reads the next column with sqlx's decoder for `T` on the engine that answered; a
    /// NULL is an error ([`Error::Decode`]), on every engine (sqlx's SQLite decoders would
    /// read it as `0` or an empty text).
    #[inline]
    pub fn column<T: SqlxColumn>(&mut self) -> Result<T, Error> {
        let index = self.next;
        self.optional_column()?.ok_or_else(|| Error::Decode {
            column: index,
            reason: "NULL where the row's type is not an `Option`".to_owned(),
        })
    }

    /// Reads the next column as [`column`](Self::column) does, `None` where it is NULL.
    #[cfg_attr(
        not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
        allow(
            unused_variables,
            reason = "no engine is compiled in to read the column"
        )
    )]
    #[inline]
    pub fn optional_column<T: SqlxColumn>(&mut self) -> Result<Option<T>, Error> {
        let index = self.next;
        self.next += 1;
        match self.row {
            #[cfg(feature = "postgres")]
            EngineRow::Postgres(row) => cell(row, index),
            #[cfg(feature = "mysql")]
            EngineRow::MySql(row) => cell(row, index),
            #[cfg(feature = "sqlite")]
            EngineRow::Sqlite(row) => cell(row, index),
            EngineRow::None(never, _) => match never {},
        }
    }

    /// Reads the next column as an exact decimal, `None` where it is NULL: sqlx decodes
    /// PostgreSQL's `NUMERIC` and MySQL's `DECIMAL`; on SQLite, which has no exact decimals,
    /// the text `<integer>e-<scale>` that recto selects a decimal as, or an integer.
    #[cfg(feature = "decimal")]
    #[cfg_attr(
        not(any(feature = "postgres", feature = "mysql")),
        allow(unused_variables, reason = "only PostgreSQL and MySQL read the column")
    )]
    pub fn optional_decimal(&mut self) -> Result<Option<rust_decimal::Decimal>, Error> {
        let index = self.next;
        self.next += 1;
        match self.row {
            #[cfg(feature = "postgres")]
            EngineRow::Postgres(row) => cell(row, index),
            #[cfg(feature = "mysql")]
            EngineRow::MySql(row) => cell(row, index),
            #[cfg(feature = "sqlite")]
            EngineRow::Sqlite(row) => super::scaled::decimal(row, index),
            EngineRow::None(never, _) => match never {},
        }
    }

    /// The position of the next column to read.
    pub fn position(&self) -> usize {
        self.next
    }

    /// Moves to the column named `name`, which the next [`read`](Self::read) starts at: how
    /// a struct decodes by its fields' names ([`NamedRow`](super::NamedRow)).
    #[cfg_attr(
        not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
        allow(unused_variables, reason = "no engine is compiled in to read the row")
    )]
    pub fn seek(&mut self, name: &str) -> Result<(), Error> {
        match self.row {
            #[cfg(feature = "postgres")]
            EngineRow::Postgres(row) => self.move_to(position(row, name), name),
            #[cfg(feature = "mysql")]
            EngineRow::MySql(row) => self.move_to(position(row, name), name),
            #[cfg(feature = "sqlite")]
            EngineRow::Sqlite(row) => self.move_to(position(row, name), name),
            EngineRow::None(never, _) => match never {},
        }
    }

    /// Moves to column `found`, the one named `name`, or fails if there is none.
    #[cfg_attr(
        not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
        allow(dead_code, reason = "no engine is compiled in to read a row")
    )]
    fn move_to(&mut self, found: Option<usize>, name: &str) -> Result<(), Error> {
        match found {
            Some(index) => {
                self.next = index;
                Ok(())
            }
            None => Err(Error::Decode {
                column: self.next,
                reason: format!("the row has no column named `{name}`"),
            }),
        }
    }

    /// How many columns the row has.
    pub fn len(&self) -> usize {
        match self.row {
            #[cfg(feature = "postgres")]
            EngineRow::Postgres(row) => sqlx::Row::len(row),
            #[cfg(feature = "mysql")]
            EngineRow::MySql(row) => sqlx::Row::len(row),
            #[cfg(feature = "sqlite")]
            EngineRow::Sqlite(row) => sqlx::Row::len(row),
            EngineRow::None(never, _) => match never {},
        }
    }

    /// Whether the row has no columns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole row, decoded by sqlx's `FromRow` (which reads columns by name).
    pub(crate) fn sqlx_row<T: super::SqlxRow>(&self) -> Result<T, Error> {
        match self.row {
            #[cfg(feature = "postgres")]
            EngineRow::Postgres(row) => T::from_row(row).map_err(|e| decode_error(0, &e)),
            #[cfg(feature = "mysql")]
            EngineRow::MySql(row) => T::from_row(row).map_err(|e| decode_error(0, &e)),
            #[cfg(feature = "sqlite")]
            EngineRow::Sqlite(row) => T::from_row(row).map_err(|e| decode_error(0, &e)),
            EngineRow::None(never, _) => match never {},
        }
    }

    /// The error for a NULL in column `column` where `field` of a schema struct is not an
    /// `Option` (though another of its columns is not NULL, so the struct is there).
    pub fn null_field(column: usize, field: &str) -> Error {
        Error::Decode {
            column,
            reason: format!("NULL where field `{field}` is not an `Option`"),
        }
    }
}

/// The position of the first column of `row` named `name`.
#[cfg_attr(
    not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
    allow(dead_code, reason = "no engine is compiled in to read a row")
)]
fn position<R: sqlx::Row>(row: &R, name: &str) -> Option<usize> {
    use sqlx::Column;

    row.columns()
        .iter()
        .position(|column| column.name() == name)
}

/// Column `index` of `row`: `None` if it is NULL, else decoded as `T` by sqlx.
#[cfg_attr(
    not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
    allow(dead_code, reason = "no engine is compiled in to read a row")
)]
#[inline]
fn cell<R, T>(row: &R, index: usize) -> Result<Option<T>, Error>
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    T: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    use sqlx::{TypeInfo, ValueRef};

    // What sqlx's `Row::try_get` does, with the value looked up once: NULL, then the type
    // check, then the decoder.
    let raw = row
        .try_get_raw(index)
        .map_err(|e| decode_error(index, &e))?;
    if raw.is_null() {
        return Ok(None);
    }
    {
        let ty = raw.type_info();
        if !ty.is_null() && !T::compatible(&ty) {
            return Err(Error::Decode {
                column: index,
                reason: format!(
                    "a value of SQL type `{}` does not decode into `{}`",
                    ty.name(),
                    std::any::type_name::<T>()
                ),
            });
        }
    }
    T::decode(raw).map(Some).map_err(|e| Error::Decode {
        column: index,
        reason: e.to_string(),
    })
}

/// A decoding failure of sqlx as recto's error, naming the column.
#[cold]
#[cfg_attr(
    not(any(feature = "sqlite", feature = "postgres", feature = "mysql")),
    allow(dead_code, reason = "no engine is compiled in to fail")
)]
pub(super) fn decode_error(column: usize, error: &sqlx::Error) -> Error {
    let reason = match error {
        sqlx::Error::ColumnDecode { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    Error::Decode { column, reason }
}

/// A Rust type that reads the next columns of a [`Record`]: one for a plain value, one per
/// element for a tuple, one per field for a `#[derive(Schema)]` struct.
#[diagnostic::on_unimplemented(
    message = "rows cannot be decoded into `{Self}`",
    label = "not a row type recto decodes",
    note = "rows decode into plain values (`i64`, `Option<String>`, ...), tuples of them, `#[derive(Schema)]` structs and `Option`s of those; for a struct with other names, select a struct literal (`select: Summary {{ id: u.id }}`) with `#[derive(sqlx::FromRow)]` on it"
)]
pub trait FromRecord: Sized + Send + Unpin {
    /// Reads the value from the next columns of `record`.
    fn from_record(record: &mut Record<'_>) -> Result<Self, Error>;
}

/// A [`FromRecord`] type that is exactly one column: a plain value or an `Option` of one.
pub trait FromColumn: FromRecord {}

/// A `#[derive(Schema)]` struct, whose `Option` reads as `None` where every one of its
/// columns is NULL: a left-joined binding whose join found no row.
pub trait NullableRecord: FromRecord {
    /// Reads the struct, or `None` if all its columns are NULL.
    fn from_nullable_record(record: &mut Record<'_>) -> Result<Option<Self>, Error>;
}

impl<T: NullableRecord> FromRecord for Option<T> {
    fn from_record(record: &mut Record<'_>) -> Result<Self, Error> {
        T::from_nullable_record(record)
    }
}
