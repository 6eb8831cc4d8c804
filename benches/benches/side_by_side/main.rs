//! recto and sea-query side by side on the ten-query corpus of issue 7, in one process.
//!
//! `cargo bench -p recto-benches` (or `scripts/bench`) first checks on SQLite in memory
//! that both sides answer every query with the same rows, then times, interleaved round by
//! round: build + render (PostgreSQL, without the shape cache), render of a prebuilt query
//! (without the cache), build + render of a repeated shape (through the cache), the cached
//! render against a `format!` of its own text, and `Repo::all` against raw sqlx on SQLite
//! and, if a server answers, on PostgreSQL (`postgres.rs`). Before timing, it counts what
//! each side allocates (`memory.rs`, through the counting global allocator installed here,
//! which every side pays alike). It prints one table per measurement and the goal table of
//! issue 7.
//!
//! `… -- --count SIDE INDEX ITERS` runs one side of one query only (`recto-into` is
//! build + `into_sql`; `recto-cached-text` and `recto-into-text` build query 1 with a text
//! of INDEX bytes added and render it borrowed or consumed; the other sides are those of
//! `scripts/bench`), for
//! `valgrind --tool=callgrind` to count its instructions (see `scripts/bench`).
//! Options: `--rounds N` (default 41), `--batch-ms M` (default 2), `--quick` (9 rounds of
//! 1 ms), `--show-sql` (print both sides' PostgreSQL text).

mod execute;
mod measure;
mod memory;
mod peer;
mod postgres;
mod report;
mod sqlite;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use measure::{Paired, Plan, interleave};
use peer::Backend;
use recto::{IntoSql, Postgres, ToSql, render_uncached};
use recto_benches::alloc::Counting;
use recto_benches::{NAMES, build, ten_conditions_and_text};
use sea_query::PostgresQueryBuilder;

#[global_allocator]
static ALLOC: Counting = Counting;

/// The corpus query whose parameters are text, where moving them matters most.
const TEXT_PARAMS: usize = 1;
/// The length of the text added to it to measure a value long enough to be moved.
const LONG_TEXT: usize = 16 << 10;

/// The measurements of one run, one entry per corpus query in each list.
pub struct Results {
    /// recto build + render against sea-query build + `build()`.
    pub build_render: Vec<Paired>,
    /// recto render of a prebuilt query against sea-query `build()` of a prebuilt statement.
    pub render_only: Vec<Paired>,
    /// recto build + cached render (a shape rendered before) against sea-query build +
    /// `build()`.
    pub repeated: Vec<Paired>,
    /// recto cached render of a prebuilt query of a shape rendered before (the prebuilt
    /// queries hold other values in turn) against a `format!` of the same text.
    pub floor: Vec<Paired>,
    /// `Repo::all` against raw sqlx, on SQLite in memory.
    pub execution: Vec<Paired>,
    /// `Repo::all` against raw sqlx on PostgreSQL; `None` when no server answered.
    pub execution_postgres: Option<Vec<Paired>>,
    /// Allocations per iteration of each side.
    pub memory: Vec<memory::Memory>,
    /// Build + cached render of the 10-condition where, consuming the query (`into_sql`)
    /// against borrowing it (`to_sql`): as in the corpus, and with a text of
    /// [`LONG_TEXT`] bytes added.
    pub moved: [Paired; 2],
}

fn main() {
    if let Err(e) = run() {
        eprintln!("side_by_side: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut plan = Plan {
        rounds: 41,
        batch: Duration::from_millis(2),
    };
    let mut show_sql = false;
    let mut i = 0;
    while i < args.len() {
        let value = |k: usize| -> Result<&str, String> {
            args.get(k)
                .map(String::as_str)
                .ok_or_else(|| format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--count" => {
                let side = value(i + 1)?;
                let index = parse(value(i + 2)?)?;
                let iters = parse(value(i + 3)?)?;
                return count(side, index as usize, iters);
            }
            "--rounds" => {
                plan.rounds = parse(value(i + 1)?)?.max(1) as usize;
                i += 1;
            }
            "--batch-ms" => {
                plan.batch = Duration::from_millis(parse(value(i + 1)?)?);
                i += 1;
            }
            "--quick" => {
                plan = Plan {
                    rounds: 9,
                    batch: Duration::from_millis(1),
                };
            }
            "--show-sql" => show_sql = true,
            // `cargo bench` passes `--bench` to every harness-less bench; nothing to do.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
        i += 1;
    }

    let rt = execute::runtime()?;
    let (repo, pool) = sqlite::open(&rt)?;
    let lite = sqlite::engine(&rt, &repo, &pool);
    let rows = sqlite::check_corpus(&lite)?;
    println!(
        "start-up check: on SQLite in memory, recto and sea-query return the same rows in the same \
         order for all {} queries (rows: {rows:?})",
        NAMES.len()
    );
    if show_sql {
        for (index, name) in NAMES.iter().enumerate() {
            let recto = build(index, 0)
                .to_sql(Postgres)
                .map_err(|e| e.to_string())?;
            let sea = peer::build(index, 0, Backend::Postgres).to_string(PostgresQueryBuilder);
            println!("{name}\n  recto:     {}\n  sea-query: {sea}", recto.text);
        }
    }

    let memory = memory::measure_all()?;
    let moved = [
        interleave(
            plan,
            |seed| {
                black_box(build(TEXT_PARAMS, seed).into_sql(Postgres)).ok();
            },
            |seed| {
                black_box(build(TEXT_PARAMS, seed).to_sql(Postgres)).ok();
            },
        ),
        interleave(
            plan,
            |seed| {
                black_box(ten_conditions_and_text(seed, LONG_TEXT).into_sql(Postgres)).ok();
            },
            |seed| {
                black_box(ten_conditions_and_text(seed, LONG_TEXT).to_sql(Postgres)).ok();
            },
        ),
    ];
    let mut results = Results {
        build_render: Vec::new(),
        render_only: Vec::new(),
        repeated: Vec::new(),
        floor: Vec::new(),
        execution: Vec::new(),
        execution_postgres: None,
        memory,
        moved,
    };
    for index in 0..NAMES.len() {
        results.build_render.push(interleave(
            plan,
            |seed| {
                black_box(render_uncached(&build(index, seed).into_data(), &Postgres)).ok();
            },
            |seed| {
                black_box(peer::build(index, seed, Backend::Postgres).build(PostgresQueryBuilder));
            },
        ));
        results.repeated.push(interleave(
            plan,
            |seed| {
                black_box(build(index, seed).to_sql(Postgres)).ok();
            },
            |seed| {
                black_box(peer::build(index, seed, Backend::Postgres).build(PostgresQueryBuilder));
            },
        ));
        let query = build(index, 0);
        let statement = peer::build(index, 0, Backend::Postgres);
        results.render_only.push(interleave(
            plan,
            |_| {
                black_box(render_uncached(black_box(&query).data(), &Postgres)).ok();
            },
            |_| {
                black_box(black_box(&statement).build(PostgresQueryBuilder));
            },
        ));
        let prebuilt = prebuilt(index);
        let pieces =
            split_at_placeholders(&query.to_sql(Postgres).map_err(|e| e.to_string())?.text);
        results.floor.push(interleave(
            plan,
            |seed| {
                black_box(prebuilt[seed as usize % PREBUILT].to_sql(Postgres)).ok();
            },
            |_| {
                black_box(format_floor(black_box(&pieces)));
            },
        ));
    }
    results.execution = sqlite::execution(&lite, plan)?;
    results.execution_postgres = postgres::with_fixture(&rt, |fixture| {
        let pg = fixture.engine(&rt);
        let pg_rows = postgres::check_corpus(&pg)?;
        if pg_rows != rows {
            return Err(format!(
                "PostgreSQL returns other row counts than SQLite on the same fixture: {pg_rows:?}"
            ));
        }
        println!(
            "PostgreSQL check: the Repo and raw sqlx return the same rows, as many as on SQLite"
        );
        postgres::execution(&pg, plan)
    })?;
    report::print(&results, plan);
    Ok(())
}

fn parse(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| format!("not a number: {text}"))
}

/// The text between PostgreSQL placeholders (`$1`, `$2`, …), in order.
fn split_at_placeholders(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            pieces.push(String::new());
        } else if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
}

/// The floor: the same text made with `core::fmt`, numbering the placeholders as it goes,
/// into a pre-sized String. No parameters are collected (the text alone).
fn format_floor(pieces: &[String]) -> String {
    let mut text = String::with_capacity(pieces.iter().map(|p| p.len() + 3).sum());
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            // Writing to a String cannot fail.
            let _ = write!(text, "${k}");
        }
        text.push_str(piece);
    }
    text
}

/// How many prebuilt queries of one shape the repeated-shape floor renders in turn.
const PREBUILT: usize = 16;

/// Query `index` built from seeds 0 to [`PREBUILT`] − 1: one shape, other values.
fn prebuilt(index: usize) -> Vec<recto::Query> {
    (0..PREBUILT as u64)
        .map(|seed| build(index, seed))
        .collect()
}

/// Runs one side of one query `iters` times and nothing else, for instruction counting.
fn count(side: &str, index: usize, iters: u64) -> Result<(), String> {
    if index >= NAMES.len() && !side.ends_with("-text") {
        return Err(format!("no query {index}: the corpus has {}", NAMES.len()));
    }
    match side {
        "repo-exec" => return sqlite::count_execution(index, true, iters),
        "sqlx-exec" => return sqlite::count_execution(index, false, iters),
        "repo-exec-pg" => return postgres::count_execution(index, true, iters),
        "sqlx-exec-pg" => return postgres::count_execution(index, false, iters),
        _ => {}
    }
    let corpus = index.min(NAMES.len() - 1);
    let query = build(corpus, 0);
    let statement = peer::build(corpus, 0, Backend::Postgres);
    let prebuilt = prebuilt(corpus);
    for seed in 0..iters {
        let seed = black_box(seed);
        match side {
            "recto" => {
                black_box(render_uncached(&build(index, seed).into_data(), &Postgres)).ok();
            }
            "recto-cached" => {
                black_box(build(index, seed).to_sql(Postgres)).ok();
            }
            "recto-hit" => {
                black_box(prebuilt[seed as usize % PREBUILT].to_sql(Postgres)).ok();
            }
            "sea-query" => {
                black_box(peer::build(index, seed, Backend::Postgres).build(PostgresQueryBuilder));
            }
            "recto-render" => {
                black_box(render_uncached(black_box(&query).data(), &Postgres)).ok();
            }
            "sea-query-render" => {
                black_box(black_box(&statement).build(PostgresQueryBuilder));
            }
            // Last, so that the sides above compare no more names per iteration than before
            // these were added (the match is part of what callgrind counts).
            "recto-into" => {
                black_box(build(index, seed).into_sql(Postgres)).ok();
            }
            // The 10-condition where and a text of INDEX bytes, borrowed or consumed.
            "recto-cached-text" => {
                black_box(ten_conditions_and_text(seed, index).to_sql(Postgres)).ok();
            }
            "recto-into-text" => {
                black_box(ten_conditions_and_text(seed, index).into_sql(Postgres)).ok();
            }
            other => {
                return Err(format!(
                    "unknown side {other}: recto, recto-cached, recto-into, recto-cached-text, \
                     recto-into-text, recto-hit, sea-query, \
                     recto-render, sea-query-render, repo-exec, sqlx-exec, repo-exec-pg or \
                     sqlx-exec-pg"
                ));
            }
        }
    }
    Ok(())
}
