//! MySQL's and MariaDB's column types for `CREATE TABLE`:
//! <https://dev.mysql.com/doc/refman/8.4/en/data-types.html>,
//! <https://mariadb.com/kb/en/data-types/>.

use crate::MySql;
use crate::ddl::{BoundedText, ColumnTypes, DdlDialect, JsonColumn};

const COLUMN_TYPES: ColumnTypes = ColumnTypes {
    // BOOLEAN is a synonym for TINYINT(1), which sqlx decodes as `bool`:
    // https://dev.mysql.com/doc/refman/8.4/en/numeric-type-syntax.html
    bool: "BOOLEAN",
    // The same page: FLOAT is single precision, DOUBLE double (REAL is DOUBLE unless the
    // REAL_AS_FLOAT mode is on, so it is not used).
    i16: "SMALLINT",
    i32: "INTEGER",
    i64: "BIGINT",
    f32: "FLOAT",
    f64: "DOUBLE",
    // LONGTEXT, like PostgreSQL's TEXT, holds any Rust `String` (TEXT stops at 65,535
    // bytes). An index on a TEXT or BLOB column needs a prefix
    // length, which would make the primary key compare prefixes only, so key columns are
    // VARCHAR(255) / VARBINARY(255) (255 four-byte utf8mb4 characters fit the 3072-byte
    // index limit): https://dev.mysql.com/doc/refman/8.4/en/blob.html,
    // https://dev.mysql.com/doc/refman/8.4/en/column-indexes.html#column-indexes-prefix
    text: "LONGTEXT",
    text_key: "VARCHAR(255)",
    bytes: "LONGBLOB",
    bytes_key: "VARBINARY(255)",
    // DATETIME, not TIMESTAMP: TIMESTAMP converts to and from the session's time zone and
    // ends in 2038. `(6)` keeps microseconds, which plain DATETIME drops:
    // https://dev.mysql.com/doc/refman/8.4/en/datetime.html,
    // https://dev.mysql.com/doc/refman/8.4/en/fractional-seconds.html
    date: "DATE",
    timestamp: "DATETIME(6)",
    // TIME spans -838:59:59 to 838:59:59, and `(6)` keeps microseconds as for DATETIME:
    // https://dev.mysql.com/doc/refman/8.4/en/time.html
    time: "TIME(6)",
    // MySQL has no type for an instant: a DATETIME(6) holds its UTC wall time (sqlx binds
    // and reads a `DateTime<Utc>` as UTC), where TIMESTAMP would convert to and from the
    // session's time zone.
    timestamp_utc: "DATETIME(6)",
    // sqlx binds and reads a `Uuid` as its 16 bytes on MySQL, which has no UUID type (MariaDB
    // 10.7's UUID is not MySQL's): https://mariadb.com/kb/en/uuid-data-type/
    uuid: "BINARY(16)",
    // MariaDB's JSON is LONGTEXT with the utf8mb4_bin collation and a `JSON_VALID` check,
    // which stores recto's canonical text as it is:
    // https://mariadb.com/kb/en/json-data-type/
    json: "JSON",
    // DECIMAL(p, s) is exact: https://dev.mysql.com/doc/refman/8.4/en/fixed-point-types.html
    decimal: Some("DECIMAL"),
    decimal_max_precision: 28,
    json_column: JsonColumn::Typed,
    // VARCHAR(n) counts characters of the column's character set, and strict mode (MariaDB's
    // default) refuses a longer text: https://dev.mysql.com/doc/refman/8.4/en/char.html
    bounded_text: BoundedText::Varchar,
};

impl DdlDialect for MySql {
    fn column_types(&self) -> &ColumnTypes {
        &COLUMN_TYPES
    }
}
