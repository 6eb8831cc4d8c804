//! Decoding rows: a returned row is read column by column, left to right, by the types the
//! row is made of ([`FromRecord`]).
//!
//! - A plain value (`i64`, `Option<String>`, a chrono date, ...) reads one column with
//!   sqlx's decoder for the engine that answered ([`FromColumn`]).
//! - A tuple reads its elements in turn, so `(User, Option<Org>)` reads `User`'s columns
//!   and then `Org`'s.
//! - A `#[derive(Schema)]` struct reads one column per field, in declaration order (the
//!   order `select: u` selects them in); `Option` of it reads the same columns and is
//!   `None` where all of them are NULL (a left join that found no row).
//!
//! Which Rust type a query's rows decode into is the query's business ([`Decodes`]): the
//! type its `select:` gives where the query's type knows it, or the type the caller names.

mod columns;
mod decodes;
mod record;
#[cfg(all(feature = "sqlite", feature = "decimal"))]
mod scaled;
mod sqlx_rows;

pub use self::columns::{SqlxColumn, SqlxMySql, SqlxPg, SqlxSqlite};
pub use self::decodes::{BooleanRow, Decodes, ItemRow, RootRow, RowAs, SingleItem};
#[cfg(any(feature = "sqlite", feature = "postgres", feature = "mysql"))]
pub(crate) use self::record::EngineRow;
pub use self::record::{FromColumn, FromRecord, NullableRecord, Record};
pub use self::sqlx_rows::{
    ByName, FromMySqlRecord, FromPgRecord, FromSqliteRecord, NamedRow, SqlxRow,
};
