//! The database servers a live test may reach: PostgreSQL at `RECTO_POSTGRES_URL` and
//! MariaDB/MySQL at `RECTO_MYSQL_URL` (`scripts/test` starts both and sets the variables).
//!
//! Without a variable, a server's tests are skipped with one line on stderr per test binary,
//! except under `CI=true`, where a missing or unreachable server fails the test: CI never
//! skips silently.

#![allow(dead_code)] // Each test crate uses the part it needs.

use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use recto::Repo;

/// A server engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    Postgres,
    MySql,
}

impl Server {
    /// Both servers.
    pub const ALL: [Server; 2] = [Server::Postgres, Server::MySql];

    /// The variable that holds the server's URL.
    pub fn var(self) -> &'static str {
        match self {
            Server::Postgres => "RECTO_POSTGRES_URL",
            Server::MySql => "RECTO_MYSQL_URL",
        }
    }

    /// The engine's name.
    pub fn name(self) -> &'static str {
        match self {
            Server::Postgres => "PostgreSQL",
            Server::MySql => "MySQL",
        }
    }

    /// The server's URL, or `None` after one line on stderr when it is unset outside CI.
    pub fn url(self) -> Option<String> {
        static SKIPPED: [Once; 2] = [Once::new(), Once::new()];
        let var = self.var();
        match std::env::var(var) {
            Ok(url) if !url.is_empty() => Some(url),
            _ if std::env::var("CI").is_ok_and(|ci| ci == "true") => {
                panic!(
                    "CI=true but {var} is not set: run scripts/test, which starts the servers and sets it"
                )
            }
            _ => {
                SKIPPED[self as usize].call_once(|| {
                    // Straight to stderr, past the test harness's capture: the skip must be seen.
                    use std::io::Write;
                    let line = format!(
                        "skipping {} tests: {var} is not set (scripts/test sets it)\n",
                        self.name()
                    );
                    let _ = std::io::stderr().write_all(line.as_bytes());
                });
                None
            }
        }
    }

    /// A Repo on the server, or `None` when its URL is unset outside CI. A URL that is set
    /// must answer.
    pub async fn connect(self) -> Option<Repo> {
        let url = self.url()?;
        match Repo::connect(&url).await {
            Ok(repo) => Some(repo),
            Err(e) => panic!(
                "{} is unreachable at {}={url}: {e}",
                self.name(),
                self.var()
            ),
        }
    }
}

/// A Repo on every engine this run reaches: SQLite in memory, then each server whose URL is
/// set.
pub async fn every_engine() -> Vec<Repo> {
    let mut repos = vec![Repo::sqlite_memory().await.expect("open SQLite in memory")];
    for server in Server::ALL {
        if let Some(repo) = server.connect().await {
            repos.push(repo);
        }
    }
    repos
}

/// A table, schema or database name no other test or concurrent run uses: lowercase ASCII,
/// digits and `_`, so it needs no quoting.
pub fn unique(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
