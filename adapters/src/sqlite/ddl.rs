//! SQLite's column types for `CREATE TABLE`. SQLite stores any value in any column; the
//! declared type only gives the column an affinity, chosen by the rules of
//! <https://www.sqlite.org/datatype3.html#determination_of_column_affinity>. The spellings
//! below are the ones whose affinity keeps each Rust value as it was bound.

use crate::Sqlite;
use crate::ddl::{BoundedText, ColumnTypes, DdlDialect, JsonColumn};

const COLUMN_TYPES: ColumnTypes = ColumnTypes {
    // NUMERIC affinity; booleans are the integers 0 and 1:
    // https://www.sqlite.org/datatype3.html#boolean_datatype
    bool: "BOOLEAN",
    // INTEGER affinity, 64 bits whatever the name. A lone BIGINT key is not an alias of the
    // rowid (only `INTEGER` is), so it never takes an automatic value:
    // https://www.sqlite.org/lang_createtable.html#rowid
    i16: "SMALLINT",
    i32: "INTEGER",
    i64: "BIGINT",
    // REAL affinity: every float is an 8-byte IEEE double.
    f32: "REAL",
    f64: "REAL",
    text: "TEXT",
    text_key: "TEXT",
    bytes: "BLOB",
    bytes_key: "BLOB",
    // No date type: dates are the ISO-8601 text sqlx binds (`2024-02-29`,
    // `2024-02-29 13:05:00.250`), which sorts as dates do, in a TEXT column so that no
    // affinity converts it: https://www.sqlite.org/datatype3.html#date_and_time_datatype
    date: "TEXT",
    timestamp: "TEXT",
    time: "TEXT",
    timestamp_utc: "TEXT",
    // sqlx binds and reads a `Uuid` as its 16 bytes on SQLite.
    uuid: "BLOB",
    // No JSON type: the canonical text, in a TEXT column whose `json_valid` check refuses
    // text that is not JSON: https://www.sqlite.org/json1.html#jvalid
    json: "TEXT",
    // SQLite has no exact decimal type (https://www.sqlite.org/datatype3.html): a decimal is
    // the 64-bit integer `value × 10^scale`, in a column of INTEGER affinity whose declared
    // type keeps the precision and scale (`BIGINT(15, 2)`; the numbers are ignored:
    // https://www.sqlite.org/datatype3.html#affinity_name_examples). 18 digits always fit.
    decimal: Some("BIGINT"),
    decimal_max_precision: 18,
    json_column: JsonColumn::Checked,
    // SQLite's VARCHAR(n) holds any text; a CHECK with `length`, which counts characters,
    // refuses a longer one as the servers do: https://www.sqlite.org/lang_corefunc.html#length
    bounded_text: BoundedText::Checked,
};

impl DdlDialect for Sqlite {
    fn column_types(&self) -> &ColumnTypes {
        &COLUMN_TYPES
    }
}
