//! The one error type of recto: every problem the planner, an adapter or the Repo finds is a
//! typed, matchable value, never a panic.

use crate::limits::Limit;
use crate::location::Location;

/// The clause an error was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Clause {
    /// The source.
    From,
    /// A join (its `on:`).
    Join,
    /// `where:` / `or_where:`.
    Where,
    /// `select:`.
    Select,
    /// `distinct:`.
    Distinct,
    /// `group_by:`.
    GroupBy,
    /// `having:` / `or_having:`.
    Having,
    /// `order_by:`.
    OrderBy,
    /// `limit:`.
    Limit,
    /// `offset:`.
    Offset,
    /// `union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:`, `except_all:`
    /// (Ecto's `combinations`).
    Combinations,
    /// `with_cte:` and `recursive_ctes:` (Ecto's `with_ctes`).
    WithCtes,
}

impl Clause {
    /// The variant's name, for messages that tell the user what to write.
    fn variant(self) -> &'static str {
        match self {
            Clause::From => "From",
            Clause::Join => "Join",
            Clause::Where => "Where",
            Clause::Select => "Select",
            Clause::Distinct => "Distinct",
            Clause::GroupBy => "GroupBy",
            Clause::Having => "Having",
            Clause::OrderBy => "OrderBy",
            Clause::Limit => "Limit",
            Clause::Offset => "Offset",
            Clause::Combinations => "Combinations",
            Clause::WithCtes => "WithCtes",
        }
    }
}

impl std::fmt::Display for Clause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Clause::From => "from",
            Clause::Join => "join",
            Clause::Where => "where",
            Clause::Select => "select",
            Clause::Distinct => "distinct",
            Clause::GroupBy => "group_by",
            Clause::Having => "having",
            Clause::OrderBy => "order_by",
            Clause::Limit => "limit",
            Clause::Offset => "offset",
            Clause::Combinations => "combinations",
            Clause::WithCtes => "with_ctes",
        })
    }
}

/// Everything that can go wrong between a query and its rows.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A field that the binding's schema does not have.
    UnknownField {
        /// Where it was used.
        clause: Clause,
        /// The field.
        field: String,
        /// The binding's table.
        table: String,
        /// The clause's source location.
        at: Location,
    },
    /// A named binding (`[org: o]`, `as(org)`) that no `as:` introduced.
    UnknownBinding {
        /// Where it was used.
        clause: Clause,
        /// The name.
        name: String,
        /// The clause's source location.
        at: Location,
    },
    /// A positional binding past the last one.
    BindingOutOfRange {
        /// Where it was used.
        clause: Clause,
        /// The position.
        index: usize,
        /// How many bindings the query has.
        count: usize,
        /// The clause's source location.
        at: Location,
    },
    /// Two bindings with the same `as:` name.
    DuplicateBinding {
        /// The name.
        name: String,
        /// The second `as:`.
        at: Location,
    },
    /// A clause a query has once (`select`, `distinct`) written over an earlier one, by
    /// composition or the builder API (within one `from!` it is a compile error). Ecto
    /// raises here too; remove the earlier one with `Query::exclude` to replace it.
    DuplicateClause {
        /// The clause.
        clause: Clause,
        /// Where the earlier one was written.
        first: Location,
        /// Where the later one was written.
        at: Location,
    },
    /// The query needs a `select:` (a schemaless source has no fields to select by default).
    MissingSelect {
        /// The source's location.
        at: Location,
    },
    /// A clause value the query language does not accept there (for example a `limit:` that
    /// is neither an integer literal nor a parameter).
    InvalidClause {
        /// The clause.
        clause: Clause,
        /// What is wrong, in a sentence.
        reason: String,
        /// The clause's source location.
        at: Location,
    },
    /// A feature this dialect has no faithful form of.
    Unsupported {
        /// The feature.
        feature: &'static str,
        /// The dialect.
        dialect: &'static str,
    },
    /// Schema metadata that describes no valid table: no columns, a primary key naming a
    /// field the schema does not have or an `Option` field, two columns of one name.
    InvalidSchema {
        /// The table.
        table: String,
        /// What is wrong, in a sentence.
        reason: String,
    },
    /// Raw SQL whose placeholders cannot be mapped to its parameters: a `$n` naming no
    /// parameter, a parameter no `$n` uses, a `?` where the engine would read a
    /// placeholder, or a literal, quoted identifier or comment that is never closed.
    InvalidRawSql {
        /// The byte offset in the text where the problem is.
        offset: usize,
        /// What is wrong, in a sentence.
        reason: String,
    },
    /// A URL whose scheme names no supported engine (or one compiled out).
    UnsupportedUrl {
        /// The URL's scheme.
        scheme: String,
    },
    /// The database driver failed (connecting, binding, running or decoding).
    Database(Box<dyn std::error::Error + Send + Sync>),
    /// `Repo::one` found no row.
    NoRows,
    /// A query from outside the program that [`Catalog`](crate::Catalog) refuses: not a
    /// query, or reading a table the catalog does not list.
    UntrustedQuery {
        /// What is wrong, in a sentence.
        reason: String,
    },
    /// A query from outside the program that carries raw SQL (`fragment`), which
    /// [`Catalog`](crate::Catalog) refuses unless it was built with
    /// [`Catalog::trusting_fragments`](crate::Catalog::trusting_fragments): whoever sent it
    /// would otherwise choose SQL the program runs.
    UntrustedFragment,
    /// A query from outside the program past one of its [`Limits`](crate::Limits).
    LimitExceeded {
        /// The limit.
        limit: Limit,
        /// Its value.
        max: usize,
    },
    /// `Repo::one` or `Repo::optional` found more than one row.
    TooManyRows {
        /// How many rows came back.
        count: usize,
    },
    /// A column of a returned row does not decode into the Rust type the row asks for: a
    /// NULL where the type is not an `Option`, or a value of another type.
    Decode {
        /// The column's position in the row, from 0.
        column: usize,
        /// What is wrong, in a sentence.
        reason: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownField {
                clause,
                field,
                table,
                at,
            } => {
                write!(
                    f,
                    "unknown field `{field}` of table `{table}` in `{clause}` at {at}"
                )
            }
            Error::UnknownBinding { clause, name, at } => {
                write!(
                    f,
                    "unknown named binding `{name}` in `{clause}` at {at}: no `as: {name}` in this query"
                )
            }
            Error::BindingOutOfRange {
                clause,
                index,
                count,
                at,
            } => write!(
                f,
                "binding position {index} in `{clause}` at {at} is out of range: the query has {count} binding(s)"
            ),
            Error::DuplicateBinding { name, at } => {
                write!(
                    f,
                    "the binding name `{name}` is used twice (second `as:` at {at})"
                )
            }
            Error::DuplicateClause { clause, first, at } => write!(
                f,
                "the query already has a `{clause}` (at {first}); a second one at {at} would replace it: merge them into one, or remove the first with `exclude(query, Clause::{})`",
                clause.variant()
            ),
            Error::MissingSelect { at } => {
                write!(
                    f,
                    "the query from {at} has a schemaless source and needs a `select:`"
                )
            }
            Error::InvalidClause { clause, reason, at } => {
                write!(f, "invalid `{clause}` at {at}: {reason}")
            }
            Error::Unsupported { feature, dialect } => {
                write!(f, "{feature} is not supported on {dialect}")
            }
            Error::InvalidSchema { table, reason } => {
                write!(f, "invalid schema for table `{table}`: {reason}")
            }
            Error::InvalidRawSql { offset, reason } => {
                write!(f, "invalid raw SQL at byte {offset}: {reason}")
            }
            Error::UnsupportedUrl { scheme } => write!(
                f,
                "no engine for the URL scheme `{scheme}` (expected sqlite:, postgres:, postgresql:, mysql: or mariadb:, with its feature enabled)"
            ),
            Error::Database(e) => write!(f, "database error: {e}"),
            Error::NoRows => f.write_str("the query returned no rows"),
            Error::UntrustedQuery { reason } => write!(f, "refused query: {reason}"),
            Error::UntrustedFragment => f.write_str(
                "refused query: it carries raw SQL (`fragment`), which a catalog admits only \
                 when built with `Catalog::trusting_fragments`",
            ),
            Error::LimitExceeded { limit, max } => {
                write!(f, "refused query: its {limit} is over the limit of {max}")
            }
            Error::TooManyRows { count } => {
                write!(f, "expected at most one row, the query returned {count}")
            }
            Error::Decode { column, reason } => {
                write!(f, "cannot decode column {column} of a row: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(e) => Some(&**e),
            _ => None,
        }
    }
}
