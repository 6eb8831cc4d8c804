//! The printed report: one row per corpus query, then the goal table of issue 7 with
//! today's ratios.

use crate::Results;
use crate::measure::{Paired, Plan, geomean};
use recto_benches::NAMES;

/// The ratio column of `pairs`.
fn ratios(pairs: &[Paired]) -> Vec<f64> {
    pairs.iter().map(|p| p.ratio).collect()
}

/// The largest ratio of `pairs` and the name of its query.
fn worst(pairs: &[Paired]) -> (f64, &'static str) {
    pairs
        .iter()
        .zip(NAMES)
        .map(|(p, name)| (p.ratio, name))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((f64::NAN, "none"))
}

/// Prints every measurement and the goal table.
pub fn print(results: &Results, plan: Plan) {
    let Results {
        build_render,
        render_only,
        repeated,
        floor,
        execution,
        execution_postgres,
        memory,
        moved,
    } = results;
    println!(
        "\nPer query: median ns per iteration and median of per-round ratios ({} rounds, batches of >= {} ms)",
        plan.rounds,
        plan.batch.as_millis()
    );
    println!(
        "{:<20} | {:>8} {:>8} {:>6} | {:>8} {:>8} {:>6} | {:>7} {:>6} | {:>8} {:>8} {:>6}",
        "query",
        "recto",
        "sea",
        "r/sea",
        "recto",
        "sea",
        "r/sea",
        "format!",
        "r/fmt",
        "Repo µs",
        "sqlx µs",
        "R/sqlx"
    );
    println!(
        "{:<20} | {:^24} | {:^24} | {:^15} | {:^24}",
        "", "build + render (PG)", "render prebuilt (PG)", "floor", "execute (SQLite)"
    );
    for (index, name) in NAMES.iter().enumerate() {
        let (b, r, f, e) = (
            build_render[index],
            render_only[index],
            floor[index],
            execution[index],
        );
        println!(
            "{name:<20} | {:>8.0} {:>8.0} {:>6.2} | {:>8.0} {:>8.0} {:>6.2} | {:>7.0} {:>6.2} | {:>8.2} {:>8.2} {:>6.3}",
            b.a_ns,
            b.b_ns,
            b.ratio,
            r.a_ns,
            r.b_ns,
            r.ratio,
            f.b_ns,
            f.ratio,
            e.a_ns / 1000.0,
            e.b_ns / 1000.0,
            e.ratio
        );
    }
    println!(
        "\nRepeated shape (through the shape cache): median ns and median of per-round ratios"
    );
    println!(
        "{:<20} | {:>8} {:>8} {:>7} | {:>8} {:>8} {:>6}",
        "query", "recto", "sea", "sea/r", "cached", "format!", "r/fmt"
    );
    println!(
        "{:<20} | {:^25} | {:^24}",
        "", "build + cached render", "cached render vs floor"
    );
    for (index, name) in NAMES.iter().enumerate() {
        let (r, f) = (repeated[index], floor[index]);
        println!(
            "{name:<20} | {:>8.0} {:>8.0} {:>7.1} | {:>8.0} {:>8.0} {:>6.2}",
            r.a_ns,
            r.b_ns,
            1.0 / r.ratio,
            f.a_ns,
            f.b_ns,
            f.ratio
        );
    }
    let build_gm = geomean(&ratios(build_render));
    let repeated_gm = geomean(&ratios(repeated));
    let (repeated_worst, repeated_worst_name) = worst(repeated);
    let (build_worst, build_worst_name) = worst(build_render);
    let render_gm = geomean(&ratios(render_only));
    let floor_gm = geomean(&ratios(floor));
    let (floor_worst, floor_worst_name) = worst(floor);
    let exec_gm = geomean(&ratios(execution));
    let (exec_worst, exec_worst_name) = worst(execution);
    println!(
        "geometric means: build+render {build_gm:.2}, render prebuilt {render_gm:.2}, \
         repeated shape (sea/recto) {:.1}, cached vs format! {floor_gm:.2}, Repo vs sqlx {exec_gm:.3}",
        1.0 / repeated_gm
    );

    for (pair, what) in moved.iter().zip(["", " and a 16 KiB text"]) {
        println!(
            "10-condition where{what}, build + cached render: consuming the query (into_sql) \
             {:.0} ns, borrowing it (to_sql) {:.0} ns, median ratio {:.3}",
            pair.a_ns, pair.b_ns, pair.ratio
        );
    }

    print_postgres(execution_postgres.as_deref());
    crate::memory::print(memory);

    println!("\nGoals of issue 7 (ratios are recto / peer unless said; lower is better)");
    println!("{:<44} | {:<26} | today", "goal", "target");
    let rows = [
        (
            "Uncached build + render vs sea-query",
            "geomean <= 0.50".to_string(),
            format!("{build_gm:.2}"),
        ),
        (
            "  ... no query slower than sea-query",
            "max <= 1.00".to_string(),
            format!("{build_worst:.2} ({build_worst_name})"),
        ),
        (
            "Repeated shape vs sea-query build (sea/recto)",
            ">= 20x".to_string(),
            format!(
                "geomean {:.1}x, min {:.1}x ({repeated_worst_name})",
                1.0 / repeated_gm,
                1.0 / repeated_worst
            ),
        ),
        (
            "Repeated shape vs format! of the text",
            "<= 2.00 (each query)".to_string(),
            format!("geomean {floor_gm:.1}, max {floor_worst:.1} ({floor_worst_name})"),
        ),
        (
            "Render of a prebuilt query vs sea-query",
            "(no target; was 1.5)".to_string(),
            format!("{render_gm:.2}"),
        ),
        (
            "Execution via Repo vs raw sqlx, SQLite",
            "<= 1.02".to_string(),
            format!("geomean {exec_gm:.3}, max {exec_worst:.3} ({exec_worst_name})"),
        ),
        (
            "Execution via Repo vs raw sqlx, PostgreSQL",
            "<= 1.02".to_string(),
            postgres_goal(execution_postgres.as_deref()),
        ),
        (
            "Compile time of 200 queries vs sea-query",
            "<= 1.5 (check and build)".to_string(),
            "RECTO_BENCH_COMPILE=1 scripts/bench".to_string(),
        ),
        (
            "Memory on the repeated-shape path",
            "no allocation ~ query size".to_string(),
            crate::memory::goal(memory),
        ),
    ];
    for (goal, target, today) in rows {
        println!("{goal:<44} | {target:<26} | {today}");
    }
}

/// The per-query table of executions on PostgreSQL, if a server answered.
fn print_postgres(execution: Option<&[Paired]>) {
    let Some(execution) = execution else {
        return;
    };
    println!("\nExecution on PostgreSQL: median µs per execution and median of per-round ratios");
    println!(
        "{:<20} | {:>8} {:>8} {:>6}",
        "query", "Repo µs", "sqlx µs", "R/sqlx"
    );
    for (pair, name) in execution.iter().zip(NAMES) {
        println!(
            "{name:<20} | {:>8.2} {:>8.2} {:>6.3}",
            pair.a_ns / 1000.0,
            pair.b_ns / 1000.0,
            pair.ratio
        );
    }
    println!(
        "geometric mean: Repo vs sqlx {:.3}",
        geomean(&ratios(execution))
    );
}

/// The goal table's cell for execution on PostgreSQL.
fn postgres_goal(execution: Option<&[Paired]>) -> String {
    match execution {
        Some(execution) => {
            let (worst_ratio, worst_name) = worst(execution);
            format!(
                "geomean {:.3}, max {worst_ratio:.3} ({worst_name})",
                geomean(&ratios(execution))
            )
        }
        None => "no server (RECTO_BENCH_POSTGRES_URL)".to_string(),
    }
}
