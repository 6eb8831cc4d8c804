//! PostgreSQL's column types for `CREATE TABLE`:
//! <https://www.postgresql.org/docs/current/datatype.html>.

use crate::Postgres;
use crate::ddl::{BoundedText, ColumnTypes, DdlDialect, JsonColumn};

const COLUMN_TYPES: ColumnTypes = ColumnTypes {
    // https://www.postgresql.org/docs/current/datatype-boolean.html
    bool: "BOOLEAN",
    // https://www.postgresql.org/docs/current/datatype-numeric.html
    i16: "SMALLINT",
    i32: "INTEGER",
    i64: "BIGINT",
    f32: "REAL",
    f64: "DOUBLE PRECISION",
    // TEXT has no length limit and may be a key:
    // https://www.postgresql.org/docs/current/datatype-character.html
    text: "TEXT",
    text_key: "TEXT",
    // https://www.postgresql.org/docs/current/datatype-binary.html
    bytes: "BYTEA",
    bytes_key: "BYTEA",
    // TIMESTAMP is `timestamp without time zone`, to the microsecond:
    // https://www.postgresql.org/docs/current/datatype-datetime.html
    date: "DATE",
    timestamp: "TIMESTAMP",
    // TIME is `time without time zone`, to the microsecond:
    // https://www.postgresql.org/docs/current/datatype-datetime.html
    time: "TIME",
    // TIMESTAMPTZ is `timestamp with time zone`: an instant, stored in UTC.
    timestamp_utc: "TIMESTAMPTZ",
    // https://www.postgresql.org/docs/current/datatype-uuid.html
    uuid: "UUID",
    // JSONB, not JSON: PostgreSQL has no `=` for `json`, and `jsonb` refuses text that is not
    // JSON: https://www.postgresql.org/docs/current/datatype-json.html
    json: "JSONB",
    // NUMERIC(p, s) is exact: https://www.postgresql.org/docs/current/datatype-numeric.html
    decimal: Some("NUMERIC"),
    decimal_max_precision: 28,
    json_column: JsonColumn::Typed,
    // VARCHAR(n) counts characters and refuses a longer text:
    // https://www.postgresql.org/docs/current/datatype-character.html
    bounded_text: BoundedText::Varchar,
};

impl DdlDialect for Postgres {
    fn column_types(&self) -> &ColumnTypes {
        &COLUMN_TYPES
    }
}
