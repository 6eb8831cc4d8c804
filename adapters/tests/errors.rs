//! What rendering refuses, as typed errors: planner errors pass through unchanged, dialect
//! gaps are `Error::Unsupported` naming the dialect, and the deepest expression the planner
//! accepts renders without exhausting a thread's stack.

mod fixture;

use fixture::*;
use recto_adapters::{Dialect, MySql, Postgres, Sqlite, ToSql};
use recto_core::{AggFunc, Array, BinOp, Clause, Error, Expr, Query, Value};

fn each_dialect(
    check: impl Fn(&dyn Fn(&Query<User>) -> Result<recto_adapters::Sql, Error>, &'static str),
) {
    check(&|q| q.to_sql(Postgres), Postgres.name());
    check(&|q| q.to_sql(MySql), MySql.name());
    check(&|q| q.to_sql(Sqlite), Sqlite.name());
}

#[test]
fn planner_errors_pass_through() {
    each_dialect(|to_sql, _| {
        let e = to_sql(&users().filter(eq(u("nmae"), int(1)))).unwrap_err();
        assert!(
            matches!(
                e,
                Error::UnknownField {
                    clause: Clause::Where,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = to_sql(&users().limit(int(-1))).unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidClause {
                    clause: Clause::Limit,
                    ..
                }
            ),
            "{e:?}"
        );
    });
    let e = Query::table("events").to_sql(Postgres).unwrap_err();
    assert!(matches!(e, Error::MissingSelect { .. }), "{e:?}");
}

#[test]
fn an_array_parameter_outside_in_is_unsupported_without_arrays() {
    let q = users().filter(eq(u("id"), param(Value::Array(Array::I64(vec![1])))));
    assert!(q.to_sql(Postgres).is_ok());
    for (result, dialect) in [(q.to_sql(MySql), "MySQL"), (q.to_sql(Sqlite), "SQLite")] {
        let e = result.unwrap_err();
        assert!(
            matches!(e, Error::Unsupported { dialect: d, .. } if d == dialect),
            "{e:?}"
        );
    }
}

#[test]
fn a_nul_in_an_identifier_is_unsupported() {
    let q = Query::table("t").select(one(u("a\0b")));
    for e in [q.to_sql(Postgres), q.to_sql(MySql), q.to_sql(Sqlite)].map(Result::unwrap_err) {
        assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
    }
}

/// The planner accepts 256 levels of nesting; planning and printing them must fit in the
/// 2 MiB stack of a spawned thread (tokio's workers and the test harness use that size),
/// in debug builds too.
#[test]
fn the_deepest_accepted_expression_renders_on_a_small_stack() {
    let rendered = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut deep = u("age");
            for n in 0..254 {
                deep = if n % 2 == 0 {
                    bin(BinOp::Add, deep, int(1))
                } else {
                    neg(deep)
                };
            }
            let q = users().filter(eq(deep, param(Value::I32(0))));
            [q.to_sql(Postgres), q.to_sql(MySql), q.to_sql(Sqlite)]
                .map(|sql| sql.map(|sql| sql.params.len()))
        })
        .expect("spawning a thread")
        .join()
        .expect("rendering did not overflow the stack");
    for result in rendered {
        assert_eq!(result.ok(), Some(1));
    }
}

fn ids(n: i64) -> Query<User> {
    users().filter(in_param(u("id"), Array::I64((0..n).collect())))
}

#[test]
fn long_lists_pad_to_a_multiple_of_1024() {
    let q = ids(1500);
    assert_eq!(q.to_sql(MySql).map(|sql| sql.params.len()).ok(), Some(2048));
    assert_eq!(q.to_sql(Postgres).map(|sql| sql.params.len()).ok(), Some(1));
}

#[test]
fn a_list_is_not_padded_past_the_parameter_limit() {
    // 32000 elements pad to 32768, past SQLite's 32766: they are bound unpadded instead.
    assert_eq!(
        ids(32_000).to_sql(Sqlite).map(|sql| sql.params.len()).ok(),
        Some(32_000)
    );
    assert_eq!(
        ids(32_000).to_sql(MySql).map(|sql| sql.params.len()).ok(),
        Some(32_768)
    );
}

#[test]
fn more_parameters_than_the_engine_takes_is_unsupported() {
    let q = ids(40_000);
    assert!(q.to_sql(Postgres).is_ok());
    assert_eq!(
        q.to_sql(MySql).map(|sql| sql.params.len()).ok(),
        Some(40_960)
    );
    let e = q.to_sql(Sqlite).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Unsupported {
                dialect: "SQLite",
                ..
            }
        ),
        "{e:?}"
    );
    let e = ids(70_000).to_sql(MySql).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Unsupported {
                dialect: "MySQL",
                ..
            }
        ),
        "{e:?}"
    );
}

/// MySQL cannot compute with a NaN or an infinity (MariaDB fails with "DOUBLE value is out
/// of range", and puts a value compared equal to a column in place of that column in other
/// arithmetic), so arithmetic with one, or one compared equal to a float in a statement with
/// arithmetic, is `Unsupported` there; comparing with one is not, nor is equality with an
/// integer. The other engines compute with them.
#[test]
fn non_finite_floats_in_arithmetic_are_unsupported_on_mysql() {
    let inf = || param(Value::F64(f64::INFINITY));
    let positive = |e: Expr| bin(BinOp::Gt, e, int(0));
    let arithmetic = || positive(bin(BinOp::Add, r("count"), int(1)));
    let rejected = [
        readings()
            .filter(positive(bin(BinOp::Add, r("double"), inf())))
            .any_rows(),
        readings()
            .filter(positive(bin(BinOp::Mul, int(2), lit(Value::F64(f64::NAN)))))
            .any_rows(),
        readings().select(one(neg(inf()))).any_rows(),
        readings()
            .select(one(agg(AggFunc::Sum, Some(inf()), false)))
            .any_rows(),
        readings()
            .filter(eq(r("double"), inf()))
            .filter(arithmetic())
            .any_rows(),
        readings()
            .filter(in_param(
                r("double"),
                Array::F64(vec![1.0, f64::NEG_INFINITY]),
            ))
            .filter(arithmetic())
            .any_rows(),
    ];
    for q in &rejected {
        let e = q.to_sql(MySql).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Unsupported {
                    dialect: "MySQL",
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(q.to_sql(Postgres).is_ok());
        assert!(q.to_sql(Sqlite).is_ok());
    }
    let accepted = [
        readings()
            .filter(bin(BinOp::Lt, r("double"), inf()))
            .filter(arithmetic())
            .any_rows(),
        readings()
            .filter(eq(r("total"), inf()))
            .filter(arithmetic())
            .any_rows(),
        readings().filter(eq(r("double"), inf())).any_rows(),
        readings().select(one(inf())).any_rows(),
    ];
    for q in &accepted {
        q.to_sql(MySql).unwrap();
    }
}
