//! What each side allocates per iteration, counted by the bench's global allocator
//! (`recto_benches::alloc::Counting`): the memory goal of issue 7 is that a repeated shape
//! allocates nothing proportional to the query's size beyond the output text and
//! parameters. Allocations do not depend on the machine's load, so one pass suffices.

use std::hint::black_box;

use recto::{IntoSql, Postgres, ToSql, render_uncached};
use recto_benches::alloc::{Allocated, measure};
use recto_benches::{NAMES, build};
use sea_query::PostgresQueryBuilder;

use crate::peer::{self, Backend};

/// Iterations each count is averaged over (values vary with the seed, so sizes may too).
const ITERS: u64 = 16;

/// Allocations per iteration of each side, for one corpus query.
#[derive(Clone, Copy, Debug)]
pub struct Memory {
    /// `to_sql(Postgres)` of a prebuilt query whose shape is cached.
    pub hit: Mean,
    /// `into_sql(Postgres)` of a built, uniquely held query whose shape is cached, which
    /// includes dropping the query (an expression tree's drop may allocate its work list).
    pub into_hit: Mean,
    /// `render_uncached` of a prebuilt query: plan and print.
    pub uncached: Mean,
    /// sea-query's `build(PostgresQueryBuilder)` of a prebuilt statement.
    pub sea_render: Mean,
    /// recto's build of the query and its cached render.
    pub build_hit: Mean,
    /// sea-query's build of the statement and its `build(PostgresQueryBuilder)`.
    pub sea_build: Mean,
}

/// Mean allocations and bytes per iteration.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mean {
    pub count: f64,
    pub bytes: f64,
}

/// Runs `f` for seeds `1..=ITERS` and averages what each call allocated, after one call
/// with seed 0 that warms the buffers a thread keeps.
fn mean(mut f: impl FnMut(u64) -> Allocated) -> Mean {
    f(0);
    let mut total = Allocated::default();
    for seed in 1..=ITERS {
        let one = f(seed);
        total.count += one.count;
        total.bytes += one.bytes;
    }
    Mean {
        count: total.count as f64 / ITERS as f64,
        bytes: total.bytes as f64 / ITERS as f64,
    }
}

/// Counts every side of every corpus query.
pub fn measure_all() -> Result<Vec<Memory>, String> {
    (0..NAMES.len()).map(measure_one).collect()
}

fn measure_one(index: usize) -> Result<Memory, String> {
    // The shape is rendered once, so that every recto side but the uncached one hits.
    build(index, 0)
        .to_sql(Postgres)
        .map_err(|e| e.to_string())?;
    let prebuilt: Vec<_> = (0..=ITERS).map(|seed| build(index, seed)).collect();
    // A query `from!` built has its clauses built when first read; read them now, so that
    // the uncached side counts the render alone.
    for query in &prebuilt {
        black_box(query.data());
    }
    let statements: Vec<_> = (0..=ITERS)
        .map(|seed| peer::build(index, seed, Backend::Postgres))
        .collect();
    let at = |seed: u64| seed as usize;
    Ok(Memory {
        hit: mean(|seed| measure(|| black_box(prebuilt[at(seed)].to_sql(Postgres))).1),
        into_hit: mean(|seed| {
            let query = build(index, seed);
            measure(|| black_box(query.into_sql(Postgres))).1
        }),
        uncached: mean(|seed| {
            measure(|| black_box(render_uncached(prebuilt[at(seed)].data(), &Postgres))).1
        }),
        sea_render: mean(|seed| {
            measure(|| black_box(statements[at(seed)].build(PostgresQueryBuilder))).1
        }),
        build_hit: mean(|seed| measure(|| black_box(build(index, seed).to_sql(Postgres))).1),
        sea_build: mean(|seed| {
            measure(|| {
                black_box(peer::build(index, seed, Backend::Postgres).build(PostgresQueryBuilder))
            })
            .1
        }),
    })
}

/// Prints the table of allocations per iteration.
pub fn print(memory: &[Memory]) {
    println!(
        "\nAllocations per iteration (count / bytes, counted by the bench's global allocator, \
         mean of {ITERS} seeds)"
    );
    println!(
        "{:<20} | {:>11} | {:>11} | {:>11} | {:>11} | {:>11} | {:>11}",
        "query", "hit", "into+drop", "uncached", "sea build()", "build + hit", "sea both"
    );
    for (m, name) in memory.iter().zip(NAMES) {
        let cell = |m: Mean| format!("{:>2.0} / {:>6.0}", m.count, m.bytes);
        println!(
            "{name:<20} | {} | {} | {} | {} | {} | {}",
            cell(m.hit),
            cell(m.into_hit),
            cell(m.uncached),
            cell(m.sea_render),
            cell(m.build_hit),
            cell(m.sea_build)
        );
    }
}

/// The goal table's cell: a hit's allocations and its bytes against sea-query's render.
pub fn goal(memory: &[Memory]) -> String {
    let counts = memory.iter().map(|m| m.hit.count);
    let (least, most) = counts.fold((f64::INFINITY, 0.0f64), |(lo, hi), c| {
        (lo.min(c), hi.max(c))
    });
    let bytes: Vec<f64> = memory
        .iter()
        .map(|m| m.hit.bytes / m.sea_render.bytes)
        .collect();
    format!(
        "hit: {least:.0}-{most:.0} allocs (output only, tested); bytes/sea build() geomean {:.2}",
        crate::measure::geomean(&bytes)
    )
}
