//! Raw SQL's one placeholder spelling, `$1`, `$2`, ..., rewritten for the engine that runs
//! it: kept on PostgreSQL, where it is native, and turned into `?` in order on MySQL and
//! SQLite, with each `?`'s value taken from the `$n` it replaces (so a `$1` written twice
//! binds its value twice).
//!
//! Only placeholders in SQL code count: the scan skips string literals, quoted
//! identifiers and comments as the engine lexes them ([`Syntax`]). It knows nothing else of
//! SQL and never changes anything but placeholders.

use std::borrow::Cow;

use recto_core::{Error, Value};

use super::Engine;

/// How an engine lexes the parts of raw SQL that may hold a `$1` or a `?` that is not a
/// placeholder.
#[derive(Clone, Copy, Debug)]
struct Syntax {
    /// `$n` stays (PostgreSQL) instead of becoming `?`.
    numbered: bool,
    /// A `?` in code is a placeholder (MySQL, SQLite), so raw SQL must not write one: it
    /// would take a value meant for a `$n`.
    question_mark: bool,
    /// `\` escapes the next character inside `'..'` and `".."`.
    backslash_escapes: bool,
    /// `E'..'` strings take backslash escapes.
    escape_strings: bool,
    /// `$tag$ .. $tag$` is a string.
    dollar_quotes: bool,
    /// `# ..` is a comment to the end of the line.
    hash_comments: bool,
    /// `/* /* .. */ */` nests.
    nested_comments: bool,
    /// `[..]` quotes an identifier.
    bracket_identifiers: bool,
}

/// PostgreSQL: `$n` is native; `E'..'` escape strings and `$tag$` dollar quoting:
/// <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE>,
/// <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-DOLLAR-QUOTING>;
/// block comments nest:
/// <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-COMMENTS>.
/// A `?` is an operator there (`jsonb ? text`), not a placeholder, so it is left alone.
const POSTGRES: Syntax = Syntax {
    numbered: true,
    question_mark: false,
    backslash_escapes: false,
    escape_strings: true,
    dollar_quotes: true,
    hash_comments: false,
    nested_comments: true,
    bracket_identifiers: false,
};

/// MySQL and MariaDB: `?` placeholders, backslash escapes in both quote styles by default
/// (<https://mariadb.com/kb/en/string-literals/>) and `#` comments
/// (<https://mariadb.com/kb/en/comment-syntax/>).
const MYSQL: Syntax = Syntax {
    numbered: false,
    question_mark: true,
    backslash_escapes: true,
    escape_strings: false,
    dollar_quotes: false,
    hash_comments: true,
    nested_comments: false,
    bracket_identifiers: false,
};

/// SQLite: `?` placeholders (a `$1` there is a *named* parameter numbered by first
/// appearance, so `$2, $1` would bind backwards: <https://www.sqlite.org/lang_expr.html#varparam>),
/// no backslash escapes, and `[..]` identifiers (<https://www.sqlite.org/lang_keywords.html>).
const SQLITE: Syntax = Syntax {
    numbered: false,
    question_mark: true,
    backslash_escapes: false,
    escape_strings: false,
    dollar_quotes: false,
    hash_comments: false,
    nested_comments: false,
    bracket_identifiers: true,
};

fn syntax(engine: Engine) -> Syntax {
    match engine {
        Engine::Postgres => POSTGRES,
        Engine::MySql => MYSQL,
        Engine::Sqlite => SQLITE,
    }
}

/// `text` written with `$1`, `$2`, ... and its `params`, as `engine` takes them.
///
/// A `$0`, a `$n` past the last parameter, a parameter no placeholder uses, a `?` where it
/// would be a placeholder, and an unterminated literal, identifier or comment are
/// [`Error::InvalidRawSql`].
pub(crate) fn renumber<'a>(
    text: &'a str,
    params: &'a [Value],
    engine: Engine,
) -> Result<(Cow<'a, str>, Cow<'a, [Value]>), Error> {
    let syntax = syntax(engine);
    let bytes = text.as_bytes();
    let mut used = vec![false; params.len()];
    let mut out = String::new();
    let mut ordered = Vec::new();
    // The end of the text already copied to `out`.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        i = match bytes[i] {
            b'\'' => {
                let escapes = syntax.backslash_escapes
                    || (syntax.escape_strings
                        && i > 0
                        && bytes[i - 1].eq_ignore_ascii_case(&b'e')
                        && (i < 2 || !is_identifier(bytes[i - 2])));
                skip_quoted(bytes, i, b'\'', escapes, "string literal")?
            }
            b'"' => skip_quoted(
                bytes,
                i,
                b'"',
                syntax.backslash_escapes,
                "quoted identifier",
            )?,
            b'`' => skip_quoted(bytes, i, b'`', false, "quoted identifier")?,
            b'[' if syntax.bracket_identifiers => match find(bytes, i + 1, b"]") {
                Some(end) => end + 1,
                None => return Err(unterminated(i, "quoted identifier")),
            },
            b'-' if next == Some(b'-') => line_end(bytes, i),
            b'#' if syntax.hash_comments => line_end(bytes, i),
            b'/' if next == Some(b'*') => skip_comment(bytes, i, syntax.nested_comments)?,
            b'?' if syntax.question_mark => {
                return Err(invalid(
                    i,
                    "a `?` is a placeholder on this engine; raw SQL writes parameters as `$1`, `$2`, ... on every engine",
                ));
            }
            b'$' if i > 0 && is_identifier(bytes[i - 1]) => i + 1,
            b'$' if next.is_some_and(|b| b.is_ascii_digit()) => {
                let end = (i + 1..bytes.len())
                    .find(|&j| !bytes[j].is_ascii_digit())
                    .unwrap_or(bytes.len());
                let n = text[i + 1..end]
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1 && n <= params.len())
                    .ok_or_else(|| {
                        invalid(
                            i,
                            format!(
                                "`{}` names no parameter: there are {} and they are numbered from `$1`",
                                &text[i..end],
                                params.len()
                            ),
                        )
                    })?;
                used[n - 1] = true;
                if !syntax.numbered {
                    out.push_str(&text[copied..i]);
                    out.push('?');
                    ordered.push(params[n - 1].clone());
                    copied = end;
                }
                end
            }
            b'$' if syntax.dollar_quotes => skip_dollar_quoted(bytes, i)?,
            _ => i + 1,
        };
    }
    if let Some(unused) = used.iter().position(|used| !used) {
        return Err(invalid(
            text.len(),
            format!(
                "parameter `${}` is bound but no placeholder uses it",
                unused + 1
            ),
        ));
    }
    if syntax.numbered {
        return Ok((Cow::Borrowed(text), Cow::Borrowed(params)));
    }
    out.push_str(&text[copied..]);
    Ok((Cow::Owned(out), Cow::Owned(ordered)))
}

/// Whether `b` may be part of an identifier: a `$` right after one is part of the name
/// (`a$1` is a column on PostgreSQL and MySQL), not a placeholder.
fn is_identifier(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || !b.is_ascii()
}

/// The end of a literal or identifier opened by `quote` at `start`: a doubled quote stands
/// for itself, and with `escapes` a backslash escapes the next character.
fn skip_quoted(
    bytes: &[u8],
    start: usize,
    quote: u8,
    escapes: bool,
    what: &str,
) -> Result<usize, Error> {
    let mut j = start + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if escapes => j += 2,
            b if b == quote && bytes.get(j + 1) == Some(&quote) => j += 2,
            b if b == quote => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err(unterminated(start, what))
}

/// Past the end of a `/* .. */` comment opened at `start`.
fn skip_comment(bytes: &[u8], start: usize, nested: bool) -> Result<usize, Error> {
    let mut depth = 0;
    let mut j = start;
    while j + 1 < bytes.len() {
        match (bytes[j], bytes[j + 1]) {
            (b'/', b'*') if depth == 0 || nested => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return Ok(j);
                }
            }
            _ => j += 1,
        }
    }
    Err(unterminated(start, "comment"))
}

/// Past the end of a PostgreSQL `$tag$ .. $tag$` string opened at `start`, or just past
/// the `$` when it opens none (a lone `$` is the engine's business).
fn skip_dollar_quoted(bytes: &[u8], start: usize) -> Result<usize, Error> {
    let tag_end = (start + 1..bytes.len())
        .find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || !bytes[j].is_ascii()))
        .unwrap_or(bytes.len());
    if bytes.get(tag_end) != Some(&b'$') {
        return Ok(start + 1);
    }
    let tag = &bytes[start..=tag_end];
    match find(bytes, tag_end + 1, tag) {
        Some(close) => Ok(close + tag.len()),
        None => Err(unterminated(start, "dollar-quoted string")),
    }
}

/// Where `needle` first occurs at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}

/// Past the end of a comment that runs to the end of the line.
fn line_end(bytes: &[u8], start: usize) -> usize {
    find(bytes, start, b"\n").map_or(bytes.len(), |end| end + 1)
}

fn unterminated(offset: usize, what: &str) -> Error {
    invalid(offset, format!("this {what} is never closed"))
}

fn invalid(offset: usize, reason: impl Into<String>) -> Error {
    Error::InvalidRawSql {
        offset,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests;
