//! A `DECIMAL(15, 2)` and a `DECIMAL(15, 4)` column read back exactly and are found by `==`
//! with a parameter of another scale, and their arithmetic gives `Decimal`'s answers on
//! every engine: `a + b`, `a - b`, `a * b`, `a / b` and `b / a` (to the dividend's scale
//! plus 4, half away from zero; NULL for a zero divisor) and `a < b`, `a = b`. The values
//! mix small and 15-digit numbers, both signs, and divisors that make exact halves
//! (`0.0512`, `1.28`) and repeating digits. On SQLite, where a decimal is the integer
//! `value × 10^scale`, an answer whose integer does not fit in 64 bits is an error instead
//! of a value, never a wrong one.

use proptest::prelude::*;
use proptest::sample::select;
use recto::rust_decimal::{Decimal, RoundingStrategy};
use recto::{BinOp, Engine, Expr, Query, Schema, Select, Selected, Value};

use crate::fixture::TestDb;
use crate::{dialect, execute, field, insert, property, shown};

/// One row of two decimals of different scales.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "decimal_pairs")]
struct Pair {
    #[recto(primary_key)]
    id: i64,
    #[recto(decimal(15, 2))]
    a: Decimal,
    #[recto(decimal(15, 4))]
    b: Decimal,
}

/// A mantissa of at most 15 digits: mostly small, some at full width, some that make
/// halves when divided (`128`, `512`, `1536`).
fn mantissa() -> impl Strategy<Value = i64> {
    let widest = 10_i64.pow(15) - 1;
    prop_oneof![
        3 => -1_000_000_i64..=1_000_000,
        2 => -widest..=widest,
        1 => select(vec![0, 1, -1, 128, -128, 512, 1536, -4096, 7, 3, widest, -widest]),
    ]
}

async fn create_pairs(db: &TestDb) -> Result<(), String> {
    let ddl =
        recto::ddl::create_table(&Pair::META, dialect(&db.repo)).map_err(|e| e.to_string())?;
    execute(&db.repo, ddl).await
}

/// `a / b` as recto writes it: to `scale` digits, half away from zero; NULL for `b = 0`.
fn quotient(a: Decimal, b: Decimal, scale: u32) -> Option<Decimal> {
    (!b.is_zero())
        .then(|| (a / b).round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero))
}

/// Whether SQLite holds `d` at `scale` as a 64-bit integer.
fn fits(d: Decimal, scale: u32) -> bool {
    let mut d = d;
    d.rescale(scale);
    i64::try_from(d.mantissa()).is_ok()
}

#[test]
fn decimal_arithmetic_agrees_with_decimal() {
    property(
        "decimal_arithmetic::decimal_arithmetic_agrees_with_decimal",
        64,
        (mantissa(), mantissa()),
        create_pairs,
        async |dbs: &[TestDb], (ma, mb): (i64, i64)| {
            let (a, b) = (Decimal::new(ma, 2), Decimal::new(mb, 4));
            for db in dbs {
                let (name, repo) = (db.name, &db.repo);
                let sqlite = repo.engine() == Engine::Sqlite;
                let table = dialect(repo);
                let mut delete = String::from("DELETE FROM ");
                table.push_identifier(&mut delete, &Pair::META.table);
                execute(repo, delete).await?;
                let values = if sqlite {
                    vec![Value::I64(1), Value::I64(ma), Value::I64(mb)]
                } else {
                    vec![Value::I64(1), Value::Decimal(a), Value::Decimal(b)]
                };
                repo.execute_sql(&insert(table, &Pair::META, values))
                    .await
                    .map_err(|e| format!("{name}: inserting {a}, {b} failed: {e}"))?;

                // The stored row reads back exactly, scales included, and is found by `==`
                // with parameters of other scales (`a` with a trailing zero).
                let rows: Vec<Pair> = repo
                    .all(&Query::<Pair>::from_schema())
                    .await
                    .map_err(|e| format!("{name}: reading {a}, {b} back failed: {e}"))?;
                let stored = [Pair { id: 1, a, b }];
                let scales = |rows: &[Pair]| {
                    rows.iter()
                        .map(|r| (r.a.scale(), r.b.scale()))
                        .collect::<Vec<_>>()
                };
                // sqlx reads PostgreSQL's zeros with scale 0.
                let zeros = a.is_zero() || b.is_zero();
                if rows != stored || (!zeros && scales(&rows) != [(2, 4)]) {
                    return Err(format!("{name} stored {a}, {b} and read back {rows:?}"));
                }
                let mut wider = a;
                wider.rescale(3);
                let found = Query::<Pair>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("a"),
                        Expr::Param(Value::Decimal(wider)),
                    ))
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("b"),
                        Expr::Param(Value::Decimal(b)),
                    ))
                    .select(Select::One(Selected::Expr(field("id"))));
                let ids: Vec<(i64,)> = repo.all(&found).await.map_err(|e| {
                    format!(
                        "{name}: finding {a}, {b} failed: {e}\n  SQL: {}",
                        shown(repo, &found)
                    )
                })?;
                if ids != [(1,)] {
                    return Err(format!("{name}: finding {wider}, {b} found {ids:?}"));
                }

                // A product past 28 digits is past what `Decimal` holds on any engine.
                let product = i128::from(ma) * i128::from(mb);
                let product = (product.abs() < 10_i128.pow(28)).then(|| {
                    (
                        BinOp::Mul,
                        "a",
                        "b",
                        Some(Decimal::from_i128_with_scale(product, 6)),
                        6,
                    )
                });
                let cases = [
                    (BinOp::Add, "a", "b", Some(a + b), 4),
                    (BinOp::Sub, "a", "b", Some(a - b), 4),
                    (BinOp::Div, "a", "b", quotient(a, b, 6), 6),
                    (BinOp::Div, "b", "a", quotient(b, a, 8), 8),
                ];
                for (op, left, right, want, scale) in cases.into_iter().chain(product) {
                    let q = Query::<Pair>::from_schema().select(Select::One(Selected::Expr(
                        Expr::binary(op, field(left), field(right)),
                    )));
                    let got = repo.one::<Option<Decimal>>(&q).await;
                    let context = || format!("{name}: {left} {op:?} {right} of {a}, {b}");
                    match (got, want) {
                        (Ok(got), want) if got == want => {}
                        (Err(_), Some(want)) if sqlite && !fits(want, scale) => {}
                        (got, want) => {
                            return Err(format!(
                                "{} gave {got:?}, not {want:?}\n  SQL: {}",
                                context(),
                                shown(repo, &q)
                            ));
                        }
                    }
                }

                for (op, want) in [(BinOp::Lt, a < b), (BinOp::Eq, a == b)] {
                    let q = Query::<Pair>::from_schema()
                        .filter(Expr::binary(op, field("a"), field("b")))
                        .select(Select::One(Selected::Expr(field("id"))));
                    let ids: Vec<(i64,)> = repo
                        .all(&q)
                        .await
                        .map_err(|e| format!("{name}: a {op:?} b of {a}, {b} failed: {e}"))?;
                    if ids.is_empty() == want {
                        return Err(format!("{name}: a {op:?} b of {a}, {b} found {ids:?}"));
                    }
                }
            }
            Ok(())
        },
    );
}
