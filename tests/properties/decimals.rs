//! Exact decimals round-trip exactly: bound as a parameter and selected back on every
//! engine (on SQLite, where a decimal is its 64-bit mantissa, exactly when the mantissa fits
//! and `Error::Unsupported` otherwise), and stored in a `DECIMAL(28, 6)` column, read back
//! and found again by equality on PostgreSQL and MariaDB (SQLite's decimals have at most 18
//! digits). Arithmetic of a `DECIMAL(15, 2)` and a `DECIMAL(15, 4)` (`+ - * /`, comparisons)
//! gives `Decimal`'s answers on every engine; on SQLite an answer whose digits at its scale
//! do not fit in 64 bits is an error instead.

use proptest::prelude::*;
use proptest::sample::select;
use recto::rust_decimal::Decimal;
use recto::{BinOp, Engine, Error, Expr, Query, Schema, Select, Selected, Value};

use crate::common::User;
use crate::fixture::TestDb;
use crate::{dialect, execute, field, insert, property, shown};

/// One decimal, in a table of its own.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "amounts")]
struct Amount {
    #[recto(primary_key)]
    id: i64,
    #[recto(decimal(28, 6))]
    amount: Decimal,
}

/// Decimals of up to 22 digits before the point and 6 after, trailing zeros, both signs
/// and the extremes of `DECIMAL(28, 6)` among them.
fn decimal() -> impl Strategy<Value = Decimal> {
    let largest = 10_i128.pow(28) - 1;
    prop_oneof![
        3 => (0u32..=6).prop_flat_map(|s| {
            let bound = 10_i128.pow(22 + s) - 1;
            (-bound..=bound).prop_map(move |m| Decimal::from_i128_with_scale(m, s))
        }),
        1 => (any::<i64>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => select(vec![
            Decimal::ZERO,
            Decimal::new(110, 2),
            Decimal::new(-1, 6),
            Decimal::from_i128_with_scale(largest, 6),
            Decimal::from_i128_with_scale(-largest, 6),
        ]),
    ]
}

async fn create_amounts(db: &TestDb) -> Result<(), String> {
    if db.repo.engine() == Engine::Sqlite {
        return Ok(());
    }
    let ddl =
        recto::ddl::create_table(&Amount::META, dialect(&db.repo)).map_err(|e| e.to_string())?;
    execute(&db.repo, ddl).await
}

#[test]
fn decimals_round_trip_exactly() {
    property(
        "decimals::decimals_round_trip_exactly",
        64,
        decimal(),
        create_amounts,
        async |dbs: &[TestDb], amount: Decimal| {
            for db in dbs {
                let (name, repo) = (db.name, &db.repo);
                let selected = Query::<User>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("id"),
                        Expr::Lit(Value::I64(1)),
                    ))
                    .select(Select::One(Selected::Expr(Expr::Param(Value::Decimal(
                        amount,
                    )))));
                let back = repo.one::<Decimal>(&selected).await;
                if repo.engine() == Engine::Sqlite {
                    match back {
                        Ok(back) if back == amount && back.scale() == amount.scale() => continue,
                        Err(Error::Unsupported { .. })
                            if i64::try_from(amount.mantissa()).is_err() =>
                        {
                            continue;
                        }
                        other => return Err(format!("SQLite answered {other:?} for {amount}")),
                    }
                }
                let back = back.map_err(|e| {
                    format!("{name} failed: {e}\n  SQL: {}", shown(repo, &selected))
                })?;
                if back != amount {
                    return Err(format!("{name} selected {amount} back as {back}"));
                }

                let table = dialect(repo);
                let mut delete = String::from("DELETE FROM ");
                table.push_identifier(&mut delete, &Amount::META.table);
                execute(repo, delete).await?;
                let values = vec![Value::I64(1), Value::Decimal(amount)];
                repo.execute_sql(&insert(table, &Amount::META, values))
                    .await
                    .map_err(|e| format!("{name}: inserting {amount} failed: {e}"))?;
                let rows: Vec<Amount> = repo
                    .all(&Query::<Amount>::from_schema())
                    .await
                    .map_err(|e| format!("{name}: reading {amount} back failed: {e}"))?;
                if rows != [Amount { id: 1, amount }] {
                    return Err(format!("{name} stored {amount} and read back {rows:?}"));
                }
                let found = Query::<Amount>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("amount"),
                        Expr::Param(Value::Decimal(amount)),
                    ))
                    .select(Select::One(Selected::Expr(field("id"))));
                let ids: Vec<(i64,)> = repo.all(&found).await.map_err(|e| {
                    format!(
                        "{name}: finding {amount} failed: {e}\n  SQL: {}",
                        shown(repo, &found)
                    )
                })?;
                if ids != [(1,)] {
                    return Err(format!("{name}: comparing with {amount} found {ids:?}"));
                }
            }
            Ok(())
        },
    );
}
