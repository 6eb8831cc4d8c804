//! Which engine a database URL names, decided from its scheme alone.
//!
//! This module knows URL schemes and the features that compile each driver in; it does not
//! connect to anything.

use recto_core::Error;

use crate::{Dialect, MySql, Postgres, Sqlite};

/// The engine behind a [`Repo`](super::Repo): which SQL dialect its queries are rendered in.
///
/// ```
/// use recto_adapters::repo::Engine;
///
/// # #[cfg(all(feature = "postgres", feature = "mysql", feature = "sqlite"))] {
/// assert_eq!(Engine::from_url("postgresql://localhost/app").unwrap(), Engine::Postgres);
/// assert_eq!(Engine::from_url("mariadb://root@localhost/app").unwrap(), Engine::MySql);
/// assert_eq!(Engine::from_url("sqlite::memory:").unwrap().name(), "SQLite");
/// # }
/// assert!(Engine::from_url("oracle://scott@tiger").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// PostgreSQL (`postgres:` or `postgresql:` URLs).
    Postgres,
    /// MySQL or MariaDB (`mysql:` or `mariadb:` URLs).
    MySql,
    /// SQLite (`sqlite:` URLs, including `sqlite::memory:`).
    Sqlite,
}

impl Engine {
    /// The engine a URL's scheme names, if its driver is compiled in (its cargo feature is
    /// on); otherwise [`Error::UnsupportedUrl`] with the scheme.
    ///
    /// ```
    /// use recto_adapters::repo::Engine;
    /// use recto_core::Error;
    ///
    /// let err = Engine::from_url("mongodb://localhost").unwrap_err();
    /// assert!(matches!(err, Error::UnsupportedUrl { scheme } if scheme == "mongodb"));
    /// ```
    pub fn from_url(url: &str) -> Result<Engine, Error> {
        let scheme = scheme(url);
        let engine = match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Engine::Postgres,
            "mysql" | "mariadb" => Engine::MySql,
            "sqlite" => Engine::Sqlite,
            _ => {
                return Err(Error::UnsupportedUrl {
                    scheme: scheme.to_owned(),
                });
            }
        };
        // A known scheme whose driver is compiled out is as unusable as an unknown one.
        engine
            .is_compiled_in()
            .then_some(engine)
            .ok_or_else(|| Error::UnsupportedUrl {
                scheme: scheme.to_owned(),
            })
    }

    /// The dialect's display name: `"PostgreSQL"`, `"MySQL"` or `"SQLite"` (the same as
    /// [`Dialect::name`] of its dialect).
    ///
    /// ```
    /// use recto_adapters::repo::Engine;
    ///
    /// assert_eq!(Engine::MySql.name(), "MySQL");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Engine::Postgres => Postgres.name(),
            Engine::MySql => MySql.name(),
            Engine::Sqlite => Sqlite.name(),
        }
    }

    /// Whether this build has the driver: the `postgres`, `mysql` or `sqlite` feature.
    fn is_compiled_in(self) -> bool {
        match self {
            Engine::Postgres => cfg!(feature = "postgres"),
            Engine::MySql => cfg!(feature = "mysql"),
            Engine::Sqlite => cfg!(feature = "sqlite"),
        }
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The part of a URL before its first `:` (the whole string when it has none).
fn scheme(url: &str) -> &str {
    url.split_once(':').map_or(url, |(scheme, _)| scheme)
}

/// The URL sqlx's MySQL driver accepts: it knows only `mysql:`, and MariaDB speaks the same
/// protocol, so a `mariadb:` scheme is rewritten.
#[cfg(feature = "mysql")]
pub(super) fn mysql_url(url: &str) -> std::borrow::Cow<'_, str> {
    match url.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mariadb") => {
            format!("mysql:{rest}").into()
        }
        _ => url.into(),
    }
}

/// The options of every SQLite connection a Repo opens: the URL's, with `LIKE` made
/// case-sensitive, as it is on PostgreSQL and on MySQL under a binary collation. SQLite's
/// `LIKE` folds ASCII case unless this pragma is on for the connection; there is no way to
/// say it in the statement itself, so SQL rendered for SQLite and run on a connection the
/// Repo did not open matches case-insensitively unless that connection sets the pragma too:
/// <https://www.sqlite.org/pragma.html#pragma_case_sensitive_like>.
#[cfg(feature = "sqlite")]
pub(super) fn sqlite_options(url: &str) -> Result<sqlx::sqlite::SqliteConnectOptions, sqlx::Error> {
    use std::str::FromStr;

    Ok(sqlx::sqlite::SqliteConnectOptions::from_str(url)?.pragma("case_sensitive_like", "ON"))
}

/// Whether a `sqlite:` URL names an in-memory database (`sqlite::memory:` or
/// `?mode=memory`), which lives only as long as a connection to it is open.
#[cfg(feature = "sqlite")]
pub(super) fn is_sqlite_memory(url: &str) -> bool {
    let rest = url.split_once(':').map_or("", |(_, rest)| rest);
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
    database == ":memory:" || params.split('&').any(|p| p == "mode=memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for (url, engine) in [
            ("postgres://u@h/db", Engine::Postgres),
            ("postgresql://u@h/db", Engine::Postgres),
            ("mysql://u@h/db", Engine::MySql),
            ("mariadb://u@h/db", Engine::MySql),
            ("MySQL://u@h/db", Engine::MySql),
            ("sqlite::memory:", Engine::Sqlite),
            ("sqlite://data.db", Engine::Sqlite),
        ] {
            match Engine::from_url(url) {
                Ok(found) => assert_eq!(found, engine, "{url}"),
                Err(Error::UnsupportedUrl { .. }) => assert!(!engine.is_compiled_in(), "{url}"),
                Err(e) => panic!("{url}: {e}"),
            }
        }
        for url in ["", "localhost", "oracle://x", "http://x"] {
            assert!(
                matches!(Engine::from_url(url), Err(Error::UnsupportedUrl { .. })),
                "{url}"
            );
        }
    }

    #[cfg(feature = "mysql")]
    #[test]
    fn mariadb_becomes_mysql() {
        assert_eq!(
            mysql_url("mariadb://root@127.0.0.1/db"),
            "mysql://root@127.0.0.1/db"
        );
        assert_eq!(
            mysql_url("MariaDB://root@127.0.0.1/db"),
            "mysql://root@127.0.0.1/db"
        );
        assert_eq!(
            mysql_url("mysql://root@127.0.0.1/db"),
            "mysql://root@127.0.0.1/db"
        );
    }

    #[cfg(feature = "sqlite")]
    #[test]
    fn sqlite_memory() {
        assert!(is_sqlite_memory("sqlite::memory:"));
        assert!(is_sqlite_memory("sqlite://:memory:"));
        assert!(is_sqlite_memory("sqlite://shared?mode=memory&cache=shared"));
        assert!(!is_sqlite_memory("sqlite://data.db"));
        assert!(!is_sqlite_memory("sqlite:data.db?mode=rwc"));
    }
}
