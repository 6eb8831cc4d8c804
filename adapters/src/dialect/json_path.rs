//! How a JSON path (`b.meta["a"][0]`) and `json_text` of one are written. No key is ever
//! spliced into SQL: every engine takes the whole path as one bound path text
//! (`$."a"[0]`), whose keys are quoted and escaped as [`KeyQuote`] says.

/// How a JSON path is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonPath {
    /// `jsonb_path_query_first(x, CAST($1 AS jsonpath), '{}', true)` with the path text
    /// `strict $."a"[0]`: strict mode finds nothing where a key meets no object or a
    /// position no array, and `true` makes that NULL rather than an error. `->` is not used:
    /// `jsonb -> 0` of a scalar is the scalar itself. As text, the path ends with
    /// `? (@.type() == "string")` and the value found is read with `#>> '{}'`.
    PathQuery,
    /// `JSON_COMPACT(JSON_EXTRACT(x, ?))` with the path text `$."a"[0]`: `JSON_EXTRACT`
    /// writes an object or array found with spaces after `:` and `,`, which
    /// `JSON_COMPACT` takes out again, so it is recto's canonical text (keys in the stored
    /// order, numbers and strings as stored). A position of something that is no array is
    /// the value itself in `JSON_EXTRACT` (`$[0]` of `5` is `5`), so each position is
    /// guarded: `CASE WHEN JSON_TYPE(JSON_EXTRACT(x, ?)) = 'ARRAY' AND .. THEN .. END`,
    /// the path up to the position bound again. As text,
    /// `CASE WHEN JSON_TYPE(E) = 'STRING' THEN JSON_UNQUOTE(E) COLLATE utf8mb4_nopad_bin
    /// END`: `JSON_UNQUOTE` gives `utf8mb4_bin`, which ignores trailing spaces in `=`
    /// (https://mariadb.com/kb/en/supported-character-sets-and-collations/#no-pad-collations),
    /// and the text of a string compares exactly on every engine. A key that begins with
    /// `-` is `Error::Unsupported`: MariaDB 10.11 finds no such key, quoted or not.
    ExtractFunction,
    /// `(x -> ?)` with the path text `$."a"[0]` bound (`->` gives JSON text, where
    /// `json_extract` gives a string's SQL text); as text,
    /// `CASE WHEN json_type(x, ?) = 'text' THEN (x ->> ?) END`.
    ArrowPath,
}

/// How a key's `"` is written inside the quotes of a path text (a `\` is `\\` everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyQuote {
    /// `\"`, as in a JSON string.
    Backslash,
    /// `\u0022`: the engine ends a quoted key at the first `"`, whatever precedes it, and
    /// reads the escapes of JSON strings in it.
    Unicode,
}
