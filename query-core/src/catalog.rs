//! The safe way in for a query that comes from outside the program: deserialized against
//! the schemas compiled into it, within [`Limits`].
//!
//! A serialized query states its tables' metadata itself (columns, types, nullability,
//! primary keys), and the planner and the writer believe it: a payload that calls an
//! integer column a float changes the SQL that is printed, one that calls a nullable column
//! non-null changes the rows. The plain `Deserialize` impls are therefore for payloads the
//! program trusts (its own, round-tripped). A [`Catalog`] lists the schemas a payload may
//! read; it replaces every source's metadata by the catalog's, refuses tables it does not
//! list, and checks the payload's size before any of it is planned. The planner then checks
//! every field against the rebound schemas, as it does for the program's own queries.

use serde::{Deserialize, Deserializer};

use crate::builder::cte::WithCtes;
use crate::builder::from::Source;
use crate::builder::join::Join;
use crate::depth;
use crate::error::Error;
use crate::expr::Expr;
use crate::limits::{self, Limit, Limits};
use crate::query::{Query, QueryData};
use crate::schema::{Schema, SchemaMeta};

/// The schemas a query from outside the program may read.
///
/// ```
/// use recto_core::{Catalog, Error, Limits, Query, Schema};
/// # use recto_core::{FieldMeta, SchemaMeta, Ty, schema::Column};
/// # use std::borrow::Cow;
/// # struct User;
/// # #[derive(Clone, Copy)] struct UserFields;
/// # impl Schema for User {
/// #     type Fields = UserFields;
/// #     const FIELDS: UserFields = UserFields;
/// #     const META: SchemaMeta = SchemaMeta {
/// #         table: Cow::Borrowed("users"),
/// #         fields: Cow::Borrowed(&[FieldMeta { name: Cow::Borrowed("id"),
/// #             column: Cow::Borrowed("id"), ty: Ty::I64, nullable: false,
/// #             max_length: None, decimal: None }]),
/// #         primary_key: Cow::Borrowed(&[Cow::Borrowed("id")]),
/// #     };
/// # }
/// // `User` is a `#[derive(Schema)]` struct of the program.
/// let catalog = Catalog::new().with::<User>();
/// let sent = serde_json::to_string(&Query::<User>::from_schema()).unwrap();
/// let query: Query = catalog.query_from_json(&sent, &Limits::default()).unwrap();
///
/// let other = sent.replace("users", "secrets");
/// assert!(matches!(
///     catalog.query_from_json(&other, &Limits::default()),
///     Err(Error::UntrustedQuery { .. })
/// ));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    schemas: Vec<SchemaMeta>,
    /// Whether a payload may carry raw SQL ([`Catalog::trusting_fragments`]).
    fragments: bool,
}

impl Catalog {
    /// A catalog with no schema: it admits no query until [`Catalog::with`] adds some.
    pub fn new() -> Catalog {
        Catalog::default()
    }

    /// The catalog, also admitting queries over `T`'s table.
    pub fn with<T: Schema>(mut self) -> Catalog {
        if !self.schemas.contains(&T::META) {
            self.schemas.push(T::META);
        }
        self
    }

    /// The catalog, also admitting payloads that carry raw SQL (`fragment`), which it
    /// refuses by default with [`Error::UntrustedFragment`]. A fragment's text is SQL the
    /// program would run as it is: call this only for payloads from a sender the program
    /// trusts with its database (its own services, signed payloads), never for user input.
    pub fn trusting_fragments(mut self) -> Catalog {
        self.fragments = true;
        self
    }

    /// The tables this catalog admits.
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.schemas.iter().map(|meta| &*meta.table)
    }

    /// Reads a query from JSON sent by anyone: checks its size, rebinds every source to this
    /// catalog's schemas, and checks it against `limits`.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] naming the first limit the payload goes past, and
    /// [`Error::UntrustedQuery`] for a payload that is not a query or reads a table this
    /// catalog does not list.
    pub fn query_from_json(&self, json: &str, limits: &Limits) -> Result<Query, Error> {
        limits::within(json.len(), limits.input_bytes, Limit::InputBytes)?;
        // serde_json stops at 128 nested arrays and objects, which cuts expressions off at
        // about 40 levels whatever `limits.depth` says. Measure the nesting here instead (no
        // recursion), so that serde_json can run without its own limit: this bound covers
        // everything serde_json recurses into (unknown fields it skips included), and the
        // expression depth counter then applies `limits.depth` exactly.
        let max_depth = limits.effective_depth();
        if json_nesting(json) > JSON_LEVELS_PER_EXPR * max_depth + JSON_ENVELOPE {
            return Err(Error::LimitExceeded {
                limit: Limit::Depth,
                max: max_depth,
            });
        }
        let mut reader = serde_json::Deserializer::from_str(json);
        reader.disable_recursion_limit();
        let data = read(limits, || {
            let data = QueryData::deserialize(&mut reader)?;
            reader.end().map(|()| data)
        })?;
        self.admit(data, limits)
    }

    /// Reads a query from any serde format, as [`Catalog::query_from_json`] does from JSON,
    /// except for [`Limits::input_bytes`]: bound the input the deserializer reads, and use a
    /// format that bounds its own nesting (this one bounds the expressions' only).
    ///
    /// # Errors
    ///
    /// As [`Catalog::query_from_json`].
    pub fn query_from_deserializer<'de, D>(
        &self,
        deserializer: D,
        limits: &Limits,
    ) -> Result<Query, Error>
    where
        D: Deserializer<'de>,
    {
        let data = read(limits, || QueryData::deserialize(deserializer))?;
        self.admit(data, limits)
    }

    /// Admits query data that arrived some other way: checks it against `limits` and
    /// rebinds every source to this catalog's schemas.
    ///
    /// # Errors
    ///
    /// As [`Catalog::query_from_json`].
    pub fn admit(&self, data: QueryData, limits: &Limits) -> Result<Query, Error> {
        // Limits first: names are bounded before an error message repeats one.
        limits::check(&data, limits)?;
        let mut data = data;
        // Nested queries (set-operation members, CTEs, subqueries) are checked by
        // `limits::check` (their count and depth) and rebound the same way, with a work list
        // rather than recursion. Each carries the CTE names it sees, as the planner scopes
        // them: a source naming one reads the CTE, any other table must be the catalog's.
        let mut queries: Vec<(&mut QueryData, Vec<String>)> = vec![(&mut data, Vec::new())];
        let mut exprs: Vec<&mut Expr> = Vec::new();
        while let Some((query, mut visible)) = queries.pop() {
            let (from, joins, members, with_ctes, roots) = query.parts_mut();
            if let Some(WithCtes {
                recursive,
                queries: ctes,
            }) = with_ctes
            {
                let names: Vec<String> = ctes.iter().map(|cte| cte.name.to_string()).collect();
                for (n, cte) in ctes.iter_mut().enumerate() {
                    // A CTE sees the ones before it, and itself where it may recurse.
                    let mut seen = visible.clone();
                    seen.extend(names[..n + usize::from(*recursive)].iter().cloned());
                    queries.push((&mut cte.query, seen));
                }
                visible.extend(names);
            }
            let mut sources = vec![from];
            for Join {
                kind: _,
                source,
                on,
                name: _,
                at: _,
            } in joins
            {
                sources.push(source);
                exprs.push(on);
            }
            for source in sources {
                match source {
                    Source::Subquery(subquery) => {
                        queries.push((subquery.data_mut(), visible.clone()));
                    }
                    Source::Table(name) if visible.iter().any(|cte| cte == name.as_ref()) => {}
                    _ => self.rebind(source)?,
                }
            }
            queries.extend(members.map(|member| (member, visible.clone())));
            exprs.extend(roots);
            while let Some(expr) = exprs.pop() {
                match expr {
                    Expr::Subquery {
                        test: _,
                        operand,
                        query,
                    } => {
                        queries.push((query.data_mut(), visible.clone()));
                        exprs.extend(operand.as_deref_mut());
                    }
                    Expr::Fragment { .. } if !self.fragments => {
                        return Err(Error::UntrustedFragment);
                    }
                    other => exprs.extend(other.children_mut()),
                }
            }
        }
        Ok(Query::from_data(data))
    }

    /// Replaces the source by the catalog's schema of the table it names.
    fn rebind(&self, source: &mut Source) -> Result<(), Error> {
        // A schemaless source of a listed table is rebound too: the catalog knows its
        // columns, so the planner can check its fields and types.
        let table = match source {
            Source::Schema(meta) => &meta.table,
            Source::Table(name) => name,
            // A values list reads no table: its columns' types are its values'.
            Source::Subquery(_) | Source::Values(_) => return Ok(()),
        };
        let mut found = self.schemas.iter().filter(|meta| meta.table == *table);
        let meta = match (found.next(), found.next()) {
            (Some(meta), None) => meta,
            (None, _) => {
                return Err(Error::UntrustedQuery {
                    reason: format!("the table `{table}` is not in the catalog"),
                });
            }
            (Some(_), Some(_)) => {
                return Err(Error::UntrustedQuery {
                    reason: format!("the catalog has two different schemas for `{table}`"),
                });
            }
        };
        *source = Source::Schema(meta.clone());
        Ok(())
    }
}

/// The most JSON nesting levels one expression level adds (`{"InList":{"list":[…]}}`).
const JSON_LEVELS_PER_EXPR: usize = 3;

/// JSON nesting around the outermost expression and inside a leaf (a select struct's
/// alias pair, a bound list), with room to spare.
const JSON_ENVELOPE: usize = 16;

/// How deeply `json` nests arrays and objects, outside strings; one pass, no recursion.
fn json_nesting(json: &str) -> usize {
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let (mut in_string, mut escaped) = (false, false);
    for byte in json.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The longest part of a format's error message repeated in [`Error::UntrustedQuery`]: a
/// message can quote the payload.
const MAX_REASON: usize = 200;

/// Runs a deserialization with the expression depth limited to `limits.depth`, and types
/// its failure.
fn read<T, E: std::fmt::Display>(
    limits: &Limits,
    deserialize: impl FnOnce() -> Result<T, E>,
) -> Result<T, Error> {
    let max = limits.effective_depth();
    let (result, exceeded) = depth::with_limit(max, deserialize);
    result.map_err(|e| {
        if exceeded {
            return Error::LimitExceeded {
                limit: Limit::Depth,
                max,
            };
        }
        let mut reason = format!("the payload is not a query: {e}");
        if reason.len() > MAX_REASON {
            let mut end = MAX_REASON;
            while !reason.is_char_boundary(end) {
                end -= 1;
            }
            reason.truncate(end);
            reason.push('…');
        }
        Error::UntrustedQuery { reason }
    })
}

#[cfg(test)]
mod tests {
    use super::json_nesting;

    #[test]
    fn nesting_counts_arrays_and_objects_outside_strings_only() {
        let cases = [
            ("1", 0),
            ("[]", 1),
            (r#"{"a":[{"b":[]}]}"#, 4),
            (r#"["[[[[", "{{{{"]"#, 1),
            // An escaped quote does not end the string; an escaped backslash does not
            // escape the quote after it, so the brackets that follow are counted.
            (r#"["\"[[[["]"#, 1),
            (r#"["\\"[[[[]]]]]"#, 5),
            (r#"["\\\"[["]"#, 1),
            (r#"[]["#, 1),
            (r#"]]]]"#, 0),
        ];
        for (json, nesting) in cases {
            assert_eq!(json_nesting(json), nesting, "{json}");
        }
    }
}
