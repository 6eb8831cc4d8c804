//! Property tests (DESIGN.md §7): random queries, values and identifiers, run on SQLite and
//! on every server this run reaches (`tests/servers`), each against the fixture of
//! `tests/fixture`.
//!
//! 1. [`random_filters_answer_like_the_model`]: random `where:` conditions over `users`
//!    select exactly the ids that a reference model, evaluated in Rust with SQL's
//!    three-valued logic, says — on every engine, so the engines also agree with each other.
//! 2. [`values_round_trip_exactly`]: adversarial text, integer extremes, floats (signed
//!    zeros and subnormals included), booleans, dates and timestamps come back exactly,
//!    selected as parameters and stored in a table; text holding NUL is a clean error on
//!    PostgreSQL ([`text_with_nul_is_an_error_only_on_postgres`]).
//! 3. [`identifiers_round_trip`]: tables and columns with adversarial names, created with
//!    `recto::ddl` and queried schemalessly, give back the row written into them.
//!
//! Each property owns one fixture database per engine for its whole run, made before the
//! first case and dropped after the last, whether the property passed or failed. A failure
//! prints the minimal input proptest shrank it to and the seed that reproduces the run
//! (`PROPTEST_RNG_SEED=<seed>`); `PROPTEST_CASES` overrides the case counts.

mod common;
mod fixture;
mod servers;

use std::borrow::Cow;
use std::fmt;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::ddl::DdlDialect;
use recto::{
    Array, BinOp, BindingRef, Direction, Engine, Error, Expr, FieldMeta, MySql, OrderTerm,
    Postgres, Query, Repo, Schema, SchemaMeta, Select, Selected, Sql, Sqlite, Ty, UnOp, Value,
};

use common::User;
use fixture::TestDb;

// ---------------------------------------------------------------------------------------
// The harness

/// Runs `check` on `cases` inputs drawn from `strategy`, on one fixture database per engine
/// that `setup` prepares once. The databases are dropped before a failure is reported.
fn property<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    setup: impl AsyncFn(&TestDb) -> Result<(), String>,
    check: impl AsyncFn(&[TestDb], S::Value) -> Result<(), String>,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let dbs = runtime.block_on(fixture::databases());
    let (config, seed) = config(cases);
    let outcome = runtime
        .block_on(async {
            for db in &dbs {
                setup(db)
                    .await
                    .map_err(|e| format!("setting up {} failed: {e}", db.name))?;
            }
            Ok(())
        })
        .and_then(|()| {
            TestRunner::new(config)
                .run(&strategy, |input| {
                    runtime
                        .block_on(check(&dbs, input))
                        .map_err(TestCaseError::fail)
                })
                .map_err(|e| e.to_string())
        });
    runtime.block_on(async {
        for db in dbs {
            db.drop().await;
        }
    });
    if let Err(e) = outcome {
        panic!("{name}: {e}\nreproduce with PROPTEST_RNG_SEED={seed}");
    }
}

/// The runner's configuration: `cases` unless `PROPTEST_CASES` says otherwise, no failure
/// files, bounded shrinking, and a seed that the failure message can name.
fn config(cases: u32) -> (Config, u64) {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_MAX_SHRINK_TIME").is_none() {
        config.max_shrink_time = 30_000;
    }
    config.failure_persistence = None;
    let seed = match config.rng_seed {
        RngSeed::Fixed(seed) => seed,
        RngSeed::Random => {
            use std::hash::BuildHasher;
            std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now())
        }
    };
    config.rng_seed = RngSeed::Fixed(seed);
    (config, seed)
}

/// The dialect a Repo renders in, for statements recto has no builder for (`INSERT`,
/// `DELETE`) and for `recto::ddl`.
fn dialect(repo: &Repo) -> &'static dyn DdlDialect {
    match repo.engine() {
        Engine::Postgres => &Postgres,
        Engine::MySql => &MySql,
        _ => &Sqlite,
    }
}

/// `INSERT INTO table (columns...) VALUES (params...)`, every value bound.
fn insert(dialect: &dyn DdlDialect, meta: &SchemaMeta, values: Vec<Value>) -> Sql {
    let mut text = String::from("INSERT INTO ");
    dialect.push_identifier(&mut text, &meta.table);
    text.push_str(" (");
    for (n, field) in meta.fields.iter().enumerate() {
        if n > 0 {
            text.push_str(", ");
        }
        dialect.push_identifier(&mut text, &field.column);
    }
    text.push_str(") VALUES (");
    for n in 1..=values.len() {
        if n > 1 {
            text.push_str(", ");
        }
        dialect.push_placeholder(&mut text, n);
    }
    text.push(')');
    Sql {
        text,
        params: values,
    }
}

/// Runs a statement with no parameters that the test wrote from quoted identifiers.
async fn execute(repo: &Repo, statement: String) -> Result<(), String> {
    repo.execute(sqlx::AssertSqlSafe(statement.clone()))
        .await
        .map(drop)
        .map_err(|e| format!("{statement}: {e}"))
}

/// The field `name` of binding 0.
fn field(name: &str) -> Expr {
    Expr::field(BindingRef::Index(0), name.to_owned())
}

/// The SQL a Repo sends for `query`, for failure messages.
fn shown<Q: recto::ToSql>(repo: &Repo, query: &Q) -> String {
    match repo.to_sql(query) {
        Ok(sql) => format!("{}\n  params: {:?}", sql.text, sql.params),
        Err(e) => format!("(no SQL: {e})"),
    }
}

// ---------------------------------------------------------------------------------------
// Adversarial text

/// One piece of adversarial text: ASCII, both quote characters, backslashes, LIKE
/// wildcards, placeholder and comment syntax, line breaks, letters whose case folds
/// unusually, and characters of every plane. Never NUL, which PostgreSQL text cannot hold
/// (see [`text_with_nul_is_an_error_only_on_postgres`]).
fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(String::from),
        2 => proptest::char::range('A', 'Z').prop_map(String::from),
        1 => proptest::char::range('0', '9').prop_map(String::from),
        4 => select(&[
            "'", "\"", "\\", "%", "_", "?", "$1", "--", "/*", "*/", " ", "\n", "\r\n", "\t",
            ";", "`", "@x", ":a", "''", "\\'", "\\0", "NULL", "' OR '1'='1",
        ][..]).prop_map(str::to_owned),
        3 => select(&[
            'é', 'É', 'ß', 'ẞ', 'ſ', 'İ', 'ı', 'K', 'ǅ', 'Ω', 'ω', 'ς', 'ü', 'ñ', '日', '本',
            '\u{a0}', '\u{200b}', '\u{feff}', '\u{fffd}', '\u{ffff}', '\u{e000}', '\u{7f}',
            '\u{1}', '\u{1b}',
        ][..]).prop_map(String::from),
        2 => select(&['😀', '𝄞', '𠀀', '\u{1f1ef}', '\u{e0001}', '\u{10fffd}', '\u{10ffff}'][..])
            .prop_map(String::from),
        1 => any::<char>().prop_filter("not NUL", |c| *c != '\0').prop_map(String::from),
    ]
}

/// Adversarial text of up to `max` pieces.
fn adversarial_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(text_piece(), 0..=max).prop_map(|pieces| pieces.concat())
}

// ---------------------------------------------------------------------------------------
// Property 1: random filters answer like a reference model

/// A column of `users` (`tests/common`), with its field name.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Col {
    Id,
    Name,
    Email,
    Age,
    OrgId,
    Born,
}

impl Col {
    fn name(self) -> &'static str {
        match self {
            Col::Id => "id",
            Col::Name => "name",
            Col::Email => "email",
            Col::Age => "age",
            Col::OrgId => "org_id",
            Col::Born => "born",
        }
    }
}

/// A non-NULL value as the model compares it: integers of every width as `i64`, floats
/// (with integers, as numbers), text by code point (Rust orders `str` by its UTF-8 bytes,
/// which is code point order, as the test databases' collations do: `C` on PostgreSQL,
/// `utf8mb4_nopad_bin` on MySQL, `BINARY` on SQLite), dates as dates.
#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f64),
    Text(String),
    Date(NaiveDate),
}

impl PartialOrd for V {
    fn partial_cmp(&self, other: &V) -> Option<std::cmp::Ordering> {
        // An integer compared with a float is converted to a double on PostgreSQL and MySQL
        // and compared exactly on SQLite: the same answer while the integer is exact as a
        // double, which every integer compared with a float here is (the columns are small).
        let exact = |n: i64| {
            assert!(n.unsigned_abs() < 1 << 53, "{n} is not exact as a double");
            n as f64
        };
        match (self, other) {
            (V::Int(a), V::Int(b)) => a.partial_cmp(b),
            (V::Int(a), V::Float(b)) => exact(*a).partial_cmp(b),
            (V::Float(a), V::Int(b)) => a.partial_cmp(&exact(*b)),
            (V::Float(a), V::Float(b)) => a.partial_cmp(b),
            (V::Text(a), V::Text(b)) => a.partial_cmp(b),
            (V::Date(a), V::Date(b)) => a.partial_cmp(b),
            (a, b) => unreachable!("the generator compares no {a:?} with {b:?}"),
        }
    }
}

impl PartialEq for V {
    fn eq(&self, other: &V) -> bool {
        self.partial_cmp(other) == Some(std::cmp::Ordering::Equal)
    }
}

/// The model's view of a bound or literal value: `None` is NULL.
fn model_value(value: &Value) -> Option<V> {
    match value {
        Value::Null(_) => None,
        Value::I32(n) => Some(V::Int(i64::from(*n))),
        Value::I64(n) => Some(V::Int(*n)),
        Value::F64(f) => {
            assert!(!f.is_nan(), "NaN compares differently on each engine");
            Some(V::Float(*f))
        }
        Value::Text(s) => Some(V::Text(s.clone())),
        Value::Date(d) => Some(V::Date(*d)),
        other => unreachable!("the generator makes no {other:?}"),
    }
}

/// The fixture's `users` rows, as the model reads them.
struct Users {
    fields: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Users {
    fn from_fixture() -> Users {
        let (meta, rows) = fixture::tables()
            .into_iter()
            .find(|(meta, _)| meta.table == User::META.table)
            .expect("the fixture has users");
        Users {
            fields: meta.fields.iter().map(|f| f.name.to_string()).collect(),
            rows,
        }
    }

    fn get(&self, row: usize, col: Col) -> Option<V> {
        let index = self
            .fields
            .iter()
            .position(|f| f == col.name())
            .expect("a users field");
        model_value(&self.rows[row][index])
    }

    fn id(&self, row: usize) -> i64 {
        match self.get(row, Col::Id) {
            Some(V::Int(id)) => id,
            other => unreachable!("a user id is an integer, not {other:?}"),
        }
    }

    /// Every text the fixture's users hold: names and emails.
    fn texts(&self) -> Vec<String> {
        let mut texts = Vec::new();
        for row in 0..self.rows.len() {
            for col in [Col::Name, Col::Email] {
                if let Some(V::Text(text)) = self.get(row, col) {
                    texts.push(text);
                }
            }
        }
        texts
    }

    fn dates(&self) -> Vec<NaiveDate> {
        (0..self.rows.len())
            .filter_map(|row| match self.get(row, Col::Born) {
                Some(V::Date(d)) => Some(d),
                _ => None,
            })
            .collect()
    }

    fn ints(&self, col: Col) -> Vec<i64> {
        (0..self.rows.len())
            .filter_map(|row| match self.get(row, col) {
                Some(V::Int(n)) => Some(n),
                _ => None,
            })
            .collect()
    }
}

/// Arithmetic operators on integers.
#[derive(Clone, Copy, Debug)]
enum ArOp {
    Add,
    Sub,
    Mul,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    fn bin_op(self) -> BinOp {
        match self {
            CmpOp::Eq => BinOp::Eq,
            CmpOp::Ne => BinOp::Ne,
            CmpOp::Lt => BinOp::Lt,
            CmpOp::Le => BinOp::Le,
            CmpOp::Gt => BinOp::Gt,
            CmpOp::Ge => BinOp::Ge,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// SQL's comparison: unknown when either side is NULL.
    fn eval<T: PartialOrd>(self, a: Option<T>, b: Option<T>) -> Option<bool> {
        let (a, b) = (a?, b?);
        Some(match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        })
    }
}

/// A non-boolean expression: a column, a value (bound with `^` or written as a literal),
/// or integer arithmetic.
#[derive(Clone, Debug)]
enum Scalar {
    Col(Col),
    Value { value: Value, bound: bool },
    Arith(ArOp, Box<Scalar>, Box<Scalar>),
    Neg(Box<Scalar>),
}

impl Scalar {
    fn expr(&self) -> Expr {
        match self {
            Scalar::Col(col) => field(col.name()),
            Scalar::Value { value, bound: true } => Expr::Param(value.clone()),
            Scalar::Value {
                value,
                bound: false,
            } => Expr::Lit(value.clone()),
            Scalar::Arith(op, a, b) => {
                let op = match op {
                    ArOp::Add => BinOp::Add,
                    ArOp::Sub => BinOp::Sub,
                    ArOp::Mul => BinOp::Mul,
                };
                Expr::binary(op, a.expr(), b.expr())
            }
            Scalar::Neg(a) => Expr::Unary {
                op: UnOp::Neg,
                expr: Box::new(a.expr()),
            },
        }
    }

    /// The value in `row`; arithmetic stays far from overflow (small columns, literals of
    /// at most 10, three levels), so `i64` computes what every engine does.
    fn eval(&self, users: &Users, row: usize) -> Option<V> {
        match self {
            Scalar::Col(col) => users.get(row, *col),
            Scalar::Value { value, .. } => model_value(value),
            Scalar::Arith(op, a, b) => {
                let (Some(V::Int(a)), Some(V::Int(b))) = (a.eval(users, row), b.eval(users, row))
                else {
                    return None;
                };
                Some(V::Int(match op {
                    ArOp::Add => a + b,
                    ArOp::Sub => a - b,
                    ArOp::Mul => a * b,
                }))
            }
            Scalar::Neg(a) => match a.eval(users, row)? {
                V::Int(n) => Some(V::Int(-n)),
                other => unreachable!("negated {other:?}"),
            },
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Col(col) => write!(f, "u.{}", col.name()),
            Scalar::Value { value, bound } => {
                if *bound {
                    f.write_str("^")?;
                }
                match value {
                    Value::Null(_) => f.write_str("nil"),
                    Value::I32(n) => write!(f, "{n}"),
                    Value::I64(n) => write!(f, "{n}i64"),
                    Value::F64(x) if x.is_nan() => f.write_str("NaN"),
                    Value::F64(x) => write!(f, "{x:?}"),
                    Value::Text(s) => write!(f, "{s:?}"),
                    Value::Date(d) => write!(f, "~D[{d}]"),
                    other => write!(f, "{other:?}"),
                }
            }
            Scalar::Arith(op, a, b) => {
                let op = match op {
                    ArOp::Add => "+",
                    ArOp::Sub => "-",
                    ArOp::Mul => "*",
                };
                write!(f, "({a} {op} {b})")
            }
            Scalar::Neg(a) => write!(f, "-({a})"),
        }
    }
}

/// A condition.
#[derive(Clone, Debug)]
enum Cond {
    Const(bool),
    Cmp(CmpOp, Scalar, Scalar),
    /// Two conditions compared as booleans (`false < true` everywhere).
    Truth(CmpOp, Box<Cond>, Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    IsNil(Scalar),
    InList(Scalar, Vec<Scalar>),
    InParam(Scalar, Array),
    Like(Scalar, Scalar),
}

impl Cond {
    fn expr(&self) -> Expr {
        match self {
            Cond::Const(b) => Expr::Lit(Value::Bool(*b)),
            Cond::Cmp(op, a, b) => Expr::binary(op.bin_op(), a.expr(), b.expr()),
            Cond::Truth(op, a, b) => Expr::binary(op.bin_op(), a.expr(), b.expr()),
            Cond::And(a, b) => a.expr().and(b.expr()),
            Cond::Or(a, b) => a.expr().or(b.expr()),
            Cond::Not(a) => Expr::Unary {
                op: UnOp::Not,
                expr: Box::new(a.expr()),
            },
            Cond::IsNil(a) => Expr::IsNil(Box::new(a.expr())),
            Cond::InList(a, list) => Expr::InList {
                expr: Box::new(a.expr()),
                list: list.iter().map(Scalar::expr).collect(),
            },
            Cond::InParam(a, list) => Expr::InParam {
                expr: Box::new(a.expr()),
                list: list.clone(),
            },
            Cond::Like(a, pattern) => Expr::Like {
                expr: Box::new(a.expr()),
                pattern: Box::new(pattern.expr()),
                case_insensitive: false,
            },
        }
    }

    /// SQL's three-valued answer for `row`: `None` is unknown.
    fn eval(&self, users: &Users, row: usize) -> Option<bool> {
        match self {
            Cond::Const(b) => Some(*b),
            Cond::Cmp(op, a, b) => op.eval(a.eval(users, row), b.eval(users, row)),
            Cond::Truth(op, a, b) => op.eval(a.eval(users, row), b.eval(users, row)),
            Cond::And(a, b) => and3(a.eval(users, row), b.eval(users, row)),
            Cond::Or(a, b) => or3(a.eval(users, row), b.eval(users, row)),
            Cond::Not(a) => a.eval(users, row).map(|b| !b),
            Cond::IsNil(a) => Some(a.eval(users, row).is_none()),
            // `x IN ()` is false even for a NULL `x`; otherwise a match is true, and a NULL
            // on either side makes a miss unknown.
            Cond::InList(a, list) => {
                if list.is_empty() {
                    return Some(false);
                }
                let x = a.eval(users, row)?;
                let items: Vec<Option<V>> = list.iter().map(|s| s.eval(users, row)).collect();
                if items.iter().any(|item| item.as_ref() == Some(&x)) {
                    Some(true)
                } else if items.iter().any(Option::is_none) {
                    None
                } else {
                    Some(false)
                }
            }
            Cond::InParam(a, list) => {
                if list.is_empty() {
                    return Some(false);
                }
                let x = a.eval(users, row)?;
                Some(
                    (0..list.len()).any(|n| {
                        model_value(&list.get(n).expect("an element")).as_ref() == Some(&x)
                    }),
                )
            }
            Cond::Like(a, pattern) => match (a.eval(users, row), pattern.eval(users, row)) {
                (Some(V::Text(text)), Some(V::Text(pattern))) => Some(like(&text, &pattern)),
                (None, _) | (_, None) => None,
                other => unreachable!("like over {other:?}"),
            },
        }
    }
}

impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cond::Const(b) => write!(f, "{b}"),
            Cond::Cmp(op, a, b) => write!(f, "({a} {} {b})", op.symbol()),
            Cond::Truth(op, a, b) => write!(f, "({a} {} {b})", op.symbol()),
            Cond::And(a, b) => write!(f, "({a} and {b})"),
            Cond::Or(a, b) => write!(f, "({a} or {b})"),
            Cond::Not(a) => write!(f, "not({a})"),
            Cond::IsNil(a) => write!(f, "is_nil({a})"),
            Cond::InList(a, list) => {
                write!(f, "({a} in [")?;
                for (n, item) in list.iter().enumerate() {
                    if n > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("])")
            }
            Cond::InParam(a, list) => write!(f, "({a} in ^{list:?})"),
            Cond::Like(a, pattern) => write!(f, "like({a}, {pattern})"),
        }
    }
}

/// SQL's case-sensitive `LIKE` with `\` as the escape character: `%` matches any run of
/// characters, `_` exactly one character (a code point), `\x` the character `x`.
fn like(text: &str, pattern: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Token {
        Any,
        One,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        tokens.push(match c {
            '%' => Token::Any,
            '_' => Token::One,
            // The generator writes `\` only before another character: a pattern ending in
            // it means something else on each engine (docs/dialects.md, "Where engines
            // disagree"; pinned by `like_pattern_ending_in_the_escape_character`).
            '\\' => Token::Char(chars.next().expect("an escaped character")),
            c => Token::Char(c),
        });
    }
    let text: Vec<char> = text.chars().collect();
    // matched[j]: the tokens so far match the first j characters.
    let mut matched = vec![false; text.len() + 1];
    matched[0] = true;
    for token in tokens {
        let mut next = vec![false; text.len() + 1];
        for j in 0..=text.len() {
            next[j] = match token {
                Token::Any => matched[j] || (j > 0 && next[j - 1]),
                Token::One => j > 0 && matched[j - 1],
                Token::Char(c) => j > 0 && matched[j - 1] && text[j - 1] == c,
            };
        }
        matched = next;
    }
    matched[text.len()]
}

/// The kinds of scalars the generator compares: each with its columns, values and lists.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// `age` and arithmetic on it, against `i32` values.
    Int32,
    /// `id`, `org_id` (nullable) and arithmetic on them, against `i64` values.
    Int64,
    /// `name` and `email` (nullable).
    Text,
    /// `born`.
    Date,
}

const KINDS: [Kind; 4] = [Kind::Int32, Kind::Int64, Kind::Text, Kind::Date];

/// The strategies of property 1, drawing values near the fixture's so that comparisons and
/// lists often hit.
#[derive(Clone)]
struct Gen {
    texts: Vec<String>,
    dates: Vec<NaiveDate>,
    ages: Vec<i64>,
    ids: Vec<i64>,
}

impl Gen {
    fn new(users: &Users) -> Gen {
        let mut ids = users.ints(Col::Id);
        ids.extend(users.ints(Col::OrgId));
        Gen {
            texts: users.texts(),
            dates: users.dates(),
            ages: users.ints(Col::Age),
            ids,
        }
    }

    /// A small integer literal or parameter for arithmetic.
    fn small(&self) -> BoxedStrategy<Scalar> {
        (-10i32..=10, any::<bool>())
            .prop_map(|(n, bound)| Scalar::Value {
                value: Value::I32(n),
                bound,
            })
            .boxed()
    }

    /// A column of `kind`, with arithmetic on integers.
    fn column(&self, kind: Kind) -> BoxedStrategy<Scalar> {
        let leaf = match kind {
            Kind::Int32 => Just(Scalar::Col(Col::Age)).boxed(),
            Kind::Int64 => select(vec![Scalar::Col(Col::Id), Scalar::Col(Col::OrgId)]).boxed(),
            Kind::Text => {
                return select(vec![Scalar::Col(Col::Name), Scalar::Col(Col::Email)]).boxed();
            }
            Kind::Date => return Just(Scalar::Col(Col::Born)).boxed(),
        };
        let small = self.small();
        leaf.prop_recursive(3, 6, 2, move |inner| {
            let op = select(vec![ArOp::Add, ArOp::Sub, ArOp::Mul]);
            prop_oneof![
                3 => (op, inner.clone(), small.clone(), any::<bool>()).prop_map(
                    |(op, e, k, literal_first)| if literal_first {
                        Scalar::Arith(op, Box::new(k), Box::new(e))
                    } else {
                        Scalar::Arith(op, Box::new(e), Box::new(k))
                    }
                ),
                1 => inner.prop_map(|e| Scalar::Neg(Box::new(e))),
            ]
        })
        .boxed()
    }

    /// A non-NULL value of `kind`: the fixture's own, ones beside them, and extremes.
    fn value(&self, kind: Kind) -> BoxedStrategy<Value> {
        match kind {
            Kind::Int32 => {
                let ages: Vec<i32> = self.ages.iter().map(|&n| n as i32).collect();
                prop_oneof![
                    3 => select(ages),
                    3 => -200i32..200,
                    1 => select(vec![i32::MIN, i32::MAX, 0, -1]),
                    1 => any::<i32>(),
                ]
                .prop_map(Value::I32)
                .boxed()
            }
            Kind::Int64 => prop_oneof![
                3 => select(self.ids.clone()),
                3 => -10i64..10,
                1 => select(vec![i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1]),
                1 => any::<i64>(),
            ]
            .prop_map(Value::I64)
            .boxed(),
            Kind::Text => {
                let texts = self.texts.clone();
                prop_oneof![
                    3 => select(texts.clone()),
                    3 => (select(texts), 0..6u8, any::<Index>()).prop_map(|(t, how, at)| {
                        variant(&t, how, at)
                    }),
                    2 => adversarial_text(6),
                ]
                .prop_map(Value::Text)
                .boxed()
            }
            Kind::Date => {
                let dates = self.dates.clone();
                prop_oneof![
                    2 => select(dates.clone()),
                    2 => (select(dates), -3i64..=3).prop_map(|(d, days)| {
                        d + recto::chrono::TimeDelta::days(days)
                    }),
                    1 => date(),
                ]
                .prop_map(Value::Date)
                .boxed()
            }
        }
    }

    /// A value of `kind`, sometimes NULL, bound or written as a literal. Integers are
    /// sometimes of the other width, or a float (which every `Numerical` column may be
    /// compared with), infinities included. Never NaN, which compares differently on each
    /// engine (docs/dialects.md, "Where engines disagree", "NaN in comparisons"; pinned by
    /// `nan_compares_as_each_engine_documents`).
    fn operand(&self, kind: Kind) -> BoxedStrategy<Scalar> {
        let null = Value::Null(match kind {
            Kind::Int32 => Ty::I32,
            Kind::Int64 => Ty::I64,
            Kind::Text => Ty::Text,
            Kind::Date => Ty::Date,
        });
        let value = match kind {
            Kind::Int32 | Kind::Int64 => {
                let float = prop_oneof![
                    3 => (self.value(kind), select(vec![0.0, 0.5, -0.5, 0.25]))
                        .prop_map(|(n, offset)| number(&n) as f64 + offset),
                    1 => -300.0f64..300.0,
                    1 => select(vec![
                        -0.0,
                        f64::from_bits(1),
                        1e300,
                        -1e300,
                        f64::MAX,
                        f64::INFINITY,
                        f64::NEG_INFINITY,
                    ]),
                ]
                .prop_map(Value::F64);
                prop_oneof![
                    6 => self.value(kind),
                    2 => self.value(kind).prop_map(other_width),
                    2 => float,
                ]
                .boxed()
            }
            Kind::Text | Kind::Date => self.value(kind),
        };
        (prop_oneof![8 => value, 1 => Just(null)], any::<bool>())
            .prop_map(|(value, bound)| Scalar::Value { value, bound })
            .boxed()
    }

    /// A `^list` of `kind`, empty lists included.
    fn list(&self, kind: Kind) -> BoxedStrategy<Array> {
        let items = |s: BoxedStrategy<Value>| proptest::collection::vec(s, 0..6);
        items(self.value(kind))
            .prop_map(move |values| {
                let mut ints32 = Vec::new();
                let mut ints64 = Vec::new();
                let mut texts = Vec::new();
                let mut dates = Vec::new();
                for value in values {
                    match value {
                        Value::I32(n) => ints32.push(n),
                        Value::I64(n) => ints64.push(n),
                        Value::Text(s) => texts.push(s),
                        Value::Date(d) => dates.push(d),
                        other => unreachable!("{other:?} in a list"),
                    }
                }
                match kind {
                    Kind::Int32 => Array::I32(ints32),
                    Kind::Int64 => Array::I64(ints64),
                    Kind::Text => Array::Text(texts),
                    Kind::Date => Array::Date(dates),
                }
            })
            .boxed()
    }

    /// A `LIKE` pattern from wildcards, pieces of the fixture's text (sometimes in another
    /// case) and escaped characters, bound or literal, sometimes NULL. A `\` is always
    /// followed by the character it escapes: a pattern ending in a lone `\` is excluded, as
    /// PostgreSQL, MySQL and SQLite each read it differently (docs/dialects.md, "Where
    /// engines disagree", "A `like` pattern ending in the escape character").
    fn pattern(&self) -> BoxedStrategy<Scalar> {
        let texts = self.texts.clone();
        let piece = prop_oneof![
            3 => Just("%".to_owned()),
            2 => Just("_".to_owned()),
            4 => (select(texts), any::<Index>(), any::<Index>(), 0..4u8).prop_map(
                |(text, a, b, case)| {
                    let chars: Vec<char> = text.chars().collect();
                    let (a, b) = (a.index(chars.len() + 1), b.index(chars.len() + 1));
                    let piece: String = chars[a.min(b)..a.max(b)].iter().collect();
                    let piece = match case {
                        0 => piece.to_uppercase(),
                        1 => piece.to_lowercase(),
                        _ => piece,
                    };
                    escape_like(&piece)
                }
            ),
            1 => select(vec!['%', '_', '\\', 'a', 'A', '\'', '"', '日'])
                .prop_map(|c| format!("\\{c}")),
            1 => text_piece().prop_map(|piece| escape_like(&piece)),
        ];
        (
            prop_oneof![
                12 => proptest::collection::vec(piece, 0..5)
                    .prop_map(|pieces| Value::Text(pieces.concat())),
                1 => Just(Value::Null(Ty::Text)),
            ],
            any::<bool>(),
        )
            .prop_map(|(value, bound)| Scalar::Value { value, bound })
            .boxed()
    }

    /// One condition without `and`/`or`/`not`.
    fn atom(&self) -> BoxedStrategy<Cond> {
        let kind = || select(KINDS.to_vec());
        let cmp = || {
            select(vec![
                CmpOp::Eq,
                CmpOp::Ne,
                CmpOp::Lt,
                CmpOp::Le,
                CmpOp::Gt,
                CmpOp::Ge,
            ])
        };
        let this = self.clone();
        let comparison = (kind(), cmp(), any::<bool>()).prop_flat_map(move |(kind, op, swap)| {
            (this.column(kind), this.operand(kind)).prop_map(move |(a, b)| {
                if swap {
                    Cond::Cmp(op, b, a)
                } else {
                    Cond::Cmp(op, a, b)
                }
            })
        });
        // Columns compared with columns: integers of both widths, and the two texts.
        let ints = prop_oneof![self.column(Kind::Int32), self.column(Kind::Int64)];
        let columns = prop_oneof![
            (cmp(), ints.clone(), ints).prop_map(|(op, a, b)| Cond::Cmp(op, a, b)),
            (cmp(), any::<bool>()).prop_map(|(op, swap)| {
                let (a, b) = (Scalar::Col(Col::Name), Scalar::Col(Col::Email));
                if swap {
                    Cond::Cmp(op, b, a)
                } else {
                    Cond::Cmp(op, a, b)
                }
            }),
        ];
        let this = self.clone();
        let is_nil = kind().prop_flat_map(move |kind| this.column(kind).prop_map(Cond::IsNil));
        let this = self.clone();
        let in_list = kind().prop_flat_map(move |kind| {
            (
                this.column(kind),
                proptest::collection::vec(this.operand(kind), 0..5),
            )
                .prop_map(|(a, list)| Cond::InList(a, list))
        });
        let this = self.clone();
        let in_param = kind().prop_flat_map(move |kind| {
            (this.column(kind), this.list(kind)).prop_map(|(a, list)| Cond::InParam(a, list))
        });
        let like = (self.column(Kind::Text), self.pattern()).prop_map(|(a, p)| Cond::Like(a, p));
        prop_oneof![
            1 => any::<bool>().prop_map(Cond::Const),
            8 => comparison,
            2 => columns,
            2 => is_nil,
            3 => in_list,
            3 => in_param,
            4 => like,
        ]
        .boxed()
    }

    /// A condition: atoms under `and`, `or`, `not` and boolean comparisons.
    fn cond(&self) -> BoxedStrategy<Cond> {
        let cmp = select(vec![
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ]);
        self.atom()
            .prop_recursive(3, 8, 2, move |inner| {
                prop_oneof![
                    3 => (inner.clone(), inner.clone())
                        .prop_map(|(a, b)| Cond::And(Box::new(a), Box::new(b))),
                    3 => (inner.clone(), inner.clone())
                        .prop_map(|(a, b)| Cond::Or(Box::new(a), Box::new(b))),
                    3 => inner.clone().prop_map(|a| Cond::Not(Box::new(a))),
                    1 => (cmp.clone(), inner.clone(), inner)
                        .prop_map(|(op, a, b)| Cond::Truth(op, Box::new(a), Box::new(b))),
                ]
            })
            .boxed()
    }
}

/// The integer an integer value holds.
fn number(value: &Value) -> i64 {
    match value {
        Value::I32(n) => i64::from(*n),
        Value::I64(n) => *n,
        other => unreachable!("{other:?} is no integer"),
    }
}

/// An integer value as the other width, where it fits.
fn other_width(value: Value) -> Value {
    match value {
        Value::I32(n) => Value::I64(i64::from(n)),
        Value::I64(n) => i32::try_from(n).map_or(Value::I64(n), Value::I32),
        other => other,
    }
}

/// `text` changed in one of a few ways that compare close to it.
fn variant(text: &str, how: u8, at: Index) -> String {
    match how {
        0 => text.to_uppercase(),
        1 => text.to_lowercase(),
        2 => format!("{text} "),
        3 => {
            let chars: Vec<char> = text.chars().collect();
            chars[..at.index(chars.len() + 1)].iter().collect()
        }
        4 => format!("{text}x"),
        _ => format!(" {text}"),
    }
}

/// `text` as a `LIKE` pattern that matches exactly it.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A date in years 1000 to 9999, where every engine keeps dates.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => (1000i32..=9999, 1u32..=366).prop_filter_map("a day of the year", |(y, d)| {
            NaiveDate::from_yo_opt(y, d)
        }),
        1 => select(vec![
            NaiveDate::from_ymd_opt(1000, 1, 1).expect("a date"),
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"),
            NaiveDate::from_ymd_opt(2000, 2, 29).expect("a date"),
            NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date"),
        ]),
    ]
}

/// A query's filter: conditions added with `where:` or `or_where:`, combined left to right.
#[derive(Clone, Debug)]
struct Filter(Vec<(bool, Cond)>);

impl Filter {
    /// `from u in User, where/or_where: ..., order_by: u.id, select: u.id`.
    fn query(&self) -> Query<User> {
        let mut query = Query::<User>::from_schema();
        for (or, cond) in &self.0 {
            query = if *or {
                query.or_filter(cond.expr())
            } else {
                query.filter(cond.expr())
            };
        }
        query
            .order_by(vec![OrderTerm {
                direction: Direction::Asc,
                expr: field("id"),
            }])
            .select(Select::One(Selected::Expr(field("id"))))
    }

    /// The ids the model selects, in order. Clauses combine left to right:
    /// `((a OR b) AND c)`.
    fn model(&self, users: &Users) -> Vec<i64> {
        let mut ids: Vec<i64> = (0..users.rows.len())
            .filter(|&row| {
                let mut clauses = self.0.iter();
                let first = clauses.next().map(|(_, cond)| cond.eval(users, row));
                let verdict = clauses.fold(first.flatten(), |before, (or, cond)| {
                    let this = cond.eval(users, row);
                    if *or {
                        or3(before, this)
                    } else {
                        and3(before, this)
                    }
                });
                verdict == Some(true)
            })
            .map(|row| users.id(row))
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// Kleene's AND: a false side decides whatever the other is.
fn and3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// Kleene's OR: a true side decides whatever the other is.
fn or3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, (or, cond)) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}: {cond}", if *or { "or_where" } else { "where" })?;
        }
        Ok(())
    }
}

/// Random `where:`/`or_where:` conditions over `users` — comparisons of columns with values
/// of their type (bound and literal, NULL included) and with each other, `and`, `or`,
/// `not`, `is_nil`, `in` literal and `^` lists (empty ones too), case-sensitive `like`, and
/// arithmetic on the integer columns — select on every engine exactly the ids that the
/// model computes with SQL's three-valued logic.
#[test]
fn random_filters_answer_like_the_model() {
    let users = Users::from_fixture();
    let generator = Gen::new(&users);
    let clauses = prop_oneof![3 => 1..=1usize, 1 => 2..=3usize];
    let cond = generator.cond();
    let strategy = clauses
        .prop_flat_map(move |n| proptest::collection::vec((any::<bool>(), cond.clone()), n))
        .prop_map(Filter);
    property(
        "random_filters_answer_like_the_model",
        128,
        strategy,
        async |_| Ok(()),
        async |dbs: &[TestDb], filter: Filter| {
            let query = filter.query();
            let expected = filter.model(&users);
            for db in dbs {
                let ids: Vec<i64> = match db.repo.all::<(i64,)>(&query).await {
                    Ok(rows) => rows.into_iter().map(|(id,)| id).collect(),
                    Err(e) => {
                        return Err(format!(
                            "{} failed: {e}\n  {filter}\n  SQL: {}",
                            db.name,
                            shown(&db.repo, &query)
                        ));
                    }
                };
                if ids != expected {
                    return Err(format!(
                        "{} selected {ids:?}, the model {expected:?}\n  {filter}\n  SQL: {}",
                        db.name,
                        shown(&db.repo, &query)
                    ));
                }
            }
            Ok(())
        },
    );
}

/// A comparison of an integer expression with NaN, perhaps negated.
#[derive(Clone, Debug)]
struct NanCase {
    op: CmpOp,
    column: Scalar,
    nan_first: bool,
    negated: bool,
    bound: bool,
}

impl NanCase {
    fn cond(&self) -> Cond {
        let nan = Scalar::Value {
            value: Value::F64(f64::NAN),
            bound: self.bound,
        };
        let (a, b) = if self.nan_first {
            (nan, self.column.clone())
        } else {
            (self.column.clone(), nan)
        };
        let cmp = Cond::Cmp(self.op, a, b);
        if self.negated {
            Cond::Not(Box::new(cmp))
        } else {
            cmp
        }
    }

    /// The documented answer of `engine` for `row`: PostgreSQL orders NaN above every
    /// number; MariaDB finds NaN unequal to every number, below every number in a `BIGINT`
    /// column, and otherwise takes the left operand of an order comparison for the greater
    /// one; SQLite binds NaN as NULL (unknown).
    fn eval(&self, engine: Engine, users: &Users, row: usize) -> Option<bool> {
        self.column.eval(users, row)?;
        let truth = match engine {
            Engine::Postgres => {
                let (number, nan) = (Some(0), Some(1));
                if self.nan_first {
                    self.op.eval(nan, number)
                } else {
                    self.op.eval(number, nan)
                }
            }
            // With a `BIGINT` column, NaN is below every number.
            Engine::MySql if matches!(self.column, Scalar::Col(Col::Id | Col::OrgId)) => {
                let (number, nan) = (Some(1), Some(0));
                if self.nan_first {
                    self.op.eval(nan, number)
                } else {
                    self.op.eval(number, nan)
                }
            }
            // Otherwise the left operand is the greater, whichever side NaN is on: `x > NaN`
            // and `NaN > x` are both true.
            Engine::MySql => Some(matches!(self.op, CmpOp::Ne | CmpOp::Gt | CmpOp::Ge)),
            _ => None,
        };
        truth.map(|b| b != self.negated)
    }
}

/// NaN, which the filter generator never writes, compared with integer columns: each
/// engine answers as docs/dialects.md ("Where engines disagree", "NaN in comparisons")
/// documents.
#[test]
fn nan_compares_as_each_engine_documents() {
    let users = Users::from_fixture();
    let generator = Gen::new(&users);
    let cmp = select(vec![
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ]);
    let strategy = (
        prop_oneof![generator.column(Kind::Int32), generator.column(Kind::Int64)],
        cmp,
        any::<(bool, bool, bool)>(),
    )
        .prop_map(|(column, op, (nan_first, negated, bound))| NanCase {
            op,
            column,
            nan_first,
            negated,
            bound,
        });
    property(
        "nan_compares_as_each_engine_documents",
        64,
        strategy,
        async |_| Ok(()),
        async |dbs: &[TestDb], case: NanCase| {
            let filter = Filter(vec![(false, case.cond())]);
            let query = filter.query();
            for db in dbs {
                let expected: Vec<i64> = (0..users.rows.len())
                    .filter(|&row| case.eval(db.repo.engine(), &users, row) == Some(true))
                    .map(|row| users.id(row))
                    .collect();
                let got = db.repo.all::<(i64,)>(&query).await;
                let ids: Result<Vec<i64>, _> =
                    got.map(|rows| rows.into_iter().map(|(id,)| id).collect());
                if ids.as_ref().ok() != Some(&expected) {
                    return Err(format!(
                        "{} answered {ids:?}, documented {expected:?}\n  {filter}\n  SQL: {}",
                        db.name,
                        shown(&db.repo, &query)
                    ));
                }
            }
            Ok(())
        },
    );
}

/// A `like` pattern ending in the escape character `\`, which the filter generator never
/// writes: the engines disagree (docs/dialects.md, "Where engines disagree", the row on
/// patterns ending in the escape character). Matching `t\` against the pattern of `t`
/// followed by a lone `\` is an error on PostgreSQL, true on MySQL (a trailing `\` is a
/// literal backslash there) and false on SQLite (such a pattern matches nothing).
#[test]
fn like_pattern_ending_in_the_escape_character() {
    property(
        "like_pattern_ending_in_the_escape_character",
        32,
        adversarial_text(6),
        async |_| Ok(()),
        async |dbs: &[TestDb], text: String| {
            let pattern = format!("{}\\", escape_like(&text));
            let text = format!("{text}\\");
            let query = Query::<User>::from_schema()
                .filter(Expr::binary(
                    BinOp::Eq,
                    field("id"),
                    Expr::Lit(Value::I64(1)),
                ))
                .filter(Expr::Like {
                    expr: Box::new(Expr::Param(Value::Text(text.clone()))),
                    pattern: Box::new(Expr::Param(Value::Text(pattern.clone()))),
                    case_insensitive: false,
                })
                .select(Select::One(Selected::Expr(field("id"))));
            for db in dbs {
                let got = db.repo.all::<(i64,)>(&query).await;
                let as_documented = match (db.repo.engine(), &got) {
                    (Engine::Postgres, Err(Error::Database(_))) => true,
                    (Engine::MySql, Ok(rows)) => rows == &[(1,)],
                    (Engine::Sqlite, Ok(rows)) => rows.is_empty(),
                    _ => false,
                };
                if !as_documented {
                    return Err(format!(
                        "{} answered {got:?} for like({text:?}, {pattern:?})\n  SQL: {}",
                        db.name,
                        shown(&db.repo, &query)
                    ));
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------
// Property 2: adversarial values round-trip exactly

/// One value of every kind, stored in a table of its own.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "samples")]
struct Sample {
    #[recto(primary_key)]
    id: i64,
    text: String,
    big: i64,
    int: i32,
    float: f64,
    flag: bool,
    day: NaiveDate,
    at: NaiveDateTime,
}

impl Sample {
    fn values(&self) -> Vec<Value> {
        vec![
            Value::I64(self.id),
            Value::Text(self.text.clone()),
            Value::I64(self.big),
            Value::I32(self.int),
            Value::F64(self.float),
            Value::Bool(self.flag),
            Value::Date(self.day),
            Value::Timestamp(self.at),
        ]
    }

    /// Equal, floats to the bit: `-0.0` is not `0.0` here.
    fn same(&self, other: &Sample) -> bool {
        self.id == other.id
            && self.text == other.text
            && self.big == other.big
            && self.int == other.int
            && self.float.to_bits() == other.float.to_bits()
            && self.flag == other.flag
            && self.day == other.day
            && self.at == other.at
    }
}

/// Finite doubles of every class: normal, subnormal, both zeros, the extremes.
fn float() -> impl Strategy<Value = f64> {
    use proptest::num::f64 as class;
    prop_oneof![
        3 => class::NORMAL | class::POSITIVE | class::NEGATIVE,
        1 => class::SUBNORMAL | class::POSITIVE | class::NEGATIVE,
        2 => select(vec![
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::from_bits(1),
            -f64::from_bits(1),
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            0.1,
            1e300,
            9_007_199_254_740_993.0,
        ]),
    ]
}

/// Integers, extremes often.
fn int64() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => any::<i64>(),
        1 => select(vec![i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1, 0, -1]),
    ]
}

fn int32() -> impl Strategy<Value = i32> {
    prop_oneof![
        2 => any::<i32>(),
        1 => select(vec![i32::MIN, i32::MAX, i32::MIN + 1, i32::MAX - 1, 0, -1]),
    ]
}

/// A timestamp in years 1000 to 9999, to the microsecond (what PostgreSQL's `TIMESTAMP`
/// and MySQL's `DATETIME(6)` keep).
fn timestamp() -> impl Strategy<Value = NaiveDateTime> {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_micro_opt(23, 59, 59, 999_999))
        .expect("a timestamp");
    prop_oneof![
        4 => (date(), 0u32..86_400, 0u32..1_000_000).prop_map(|(d, s, micro)| {
            d.and_hms_micro_opt(s / 3600, s / 60 % 60, s % 60, micro)
                .expect("a time of day")
        }),
        1 => (date(), select(vec![0u32, 1, 500_000, 999_999])).prop_map(|(d, micro)| {
            d.and_hms_micro_opt(0, 0, 0, micro).expect("midnight")
        }),
        1 => Just(last),
    ]
}

fn sample() -> impl Strategy<Value = Sample> {
    (
        adversarial_text(24),
        int64(),
        int32(),
        float(),
        any::<bool>(),
        date(),
        timestamp(),
    )
        .prop_map(|(text, big, int, float, flag, day, at)| Sample {
            id: 1,
            text,
            big,
            int,
            float,
            flag,
            day,
            at,
        })
}

/// Creates the `samples` table from [`Sample`]'s schema.
async fn create_samples(db: &TestDb) -> Result<(), String> {
    let ddl =
        recto::ddl::create_table(&Sample::META, dialect(&db.repo)).map_err(|e| e.to_string())?;
    execute(&db.repo, ddl).await
}

/// What an engine gives back for `sample`, selected as parameters or read back from a
/// table (`stored`): the sample itself, except for the negative zero that
/// docs/dialects.md ("Also kept") lists. MariaDB turns `-0.0` into `0.0` as a parameter
/// already; SQLite keeps it as a parameter but stores a whole `REAL` as an integer, so a
/// `REAL` column reads back `0.0`. Subnormals survive everywhere.
fn kept(repo: &Repo, sample: &Sample, stored: bool) -> Sample {
    let mut kept = sample.clone();
    let loses_sign = match repo.engine() {
        Engine::MySql => true,
        Engine::Sqlite => stored,
        _ => false,
    };
    if loses_sign && kept.float == 0.0 {
        kept.float = 0.0;
    }
    kept
}

/// Every value, bound as a parameter, comes back exactly: selected as it is
/// (`select: {^text, ^big, ...}`), and stored in a table (from `recto::ddl`), read back and
/// found again by comparing each column with it.
#[test]
fn values_round_trip_exactly() {
    property(
        "values_round_trip_exactly",
        128,
        sample(),
        create_samples,
        async |dbs: &[TestDb], sample: Sample| {
            for db in dbs {
                let name = db.name;
                let repo = &db.repo;

                // As parameters, through `SELECT $1, $2, ...`.
                let params = sample.values()[1..]
                    .iter()
                    .map(|v| Selected::Expr(Expr::Param(v.clone())))
                    .collect();
                let query = Query::<User>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("id"),
                        Expr::Lit(Value::I64(1)),
                    ))
                    .select(Select::Tuple(params));
                let row: (String, i64, i32, f64, bool, NaiveDate, NaiveDateTime) = repo
                    .one(&query)
                    .await
                    .map_err(|e| format!("{name} failed: {e}\n  SQL: {}", shown(repo, &query)))?;
                let (text, big, int, float, flag, day, at) = row;
                let back = Sample {
                    id: 1,
                    text,
                    big,
                    int,
                    float,
                    flag,
                    day,
                    at,
                };
                let expected = kept(repo, &sample, false);
                if !back.same(&expected) {
                    return Err(format!(
                        "{name} selected the parameters as {back:?}, not {expected:?}\n  SQL: {}",
                        shown(repo, &query)
                    ));
                }

                // Stored in a column of their type, read back, and found by equality.
                let table = dialect(repo);
                let mut delete = String::from("DELETE FROM ");
                table.push_identifier(&mut delete, &Sample::META.table);
                execute(repo, delete).await?;
                let insert = insert(table, &Sample::META, sample.values());
                repo.execute_sql(&insert)
                    .await
                    .map_err(|e| format!("{name}: inserting {sample:?} failed: {e}"))?;
                let expected = kept(repo, &sample, true);
                let all = Query::<Sample>::from_schema();
                let rows: Vec<Sample> = repo
                    .all(&all)
                    .await
                    .map_err(|e| format!("{name}: reading {sample:?} back failed: {e}"))?;
                if rows.len() != 1 || !rows[0].same(&expected) {
                    return Err(format!("{name} stored {expected:?} and read back {rows:?}"));
                }
                let mut found = Query::<Sample>::from_schema();
                for (field_meta, value) in Sample::META.fields.iter().zip(sample.values()) {
                    found = found.filter(Expr::binary(
                        BinOp::Eq,
                        field(&field_meta.name),
                        Expr::Param(value),
                    ));
                }
                let found = found.select(Select::One(Selected::Expr(field("id"))));
                let ids: Vec<(i64,)> = repo.all(&found).await.map_err(|e| {
                    format!(
                        "{name}: finding {sample:?} failed: {e}\n  SQL: {}",
                        shown(repo, &found)
                    )
                })?;
                if ids != [(1,)] {
                    return Err(format!(
                        "{name}: comparing every column with its value found {ids:?}, not [1]\n  \
                         value: {sample:?}\n  SQL: {}",
                        shown(repo, &found)
                    ));
                }
            }
            Ok(())
        },
    );
}

/// Text holding NUL (U+0000): PostgreSQL's `text` cannot hold it, so binding it is a clean
/// `Error::Database` there, never a panic; MySQL and SQLite give it back exactly.
#[test]
fn text_with_nul_is_an_error_only_on_postgres() {
    let strategy = (adversarial_text(6), adversarial_text(6))
        .prop_map(|(before, after)| format!("{before}\u{0}{after}"));
    property(
        "text_with_nul_is_an_error_only_on_postgres",
        16,
        strategy,
        async |_| Ok(()),
        async |dbs: &[TestDb], text: String| {
            for db in dbs {
                let query = Query::<User>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("id"),
                        Expr::Lit(Value::I64(1)),
                    ))
                    .select(Select::One(Selected::Expr(Expr::Param(Value::Text(
                        text.clone(),
                    )))));
                let got = db.repo.one::<(String,)>(&query).await;
                match (db.repo.engine(), got) {
                    (Engine::Postgres, Err(Error::Database(_))) => {}
                    (Engine::Postgres, other) => {
                        return Err(format!(
                            "PostgreSQL answered {other:?} for {text:?}, not a database error"
                        ));
                    }
                    (_, Ok((back,))) if back == text => {}
                    (_, other) => {
                        return Err(format!("{} answered {other:?} for {text:?}", db.name));
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------
// Property 3: adversarial identifiers round-trip

/// One piece of an identifier: letters, digits, quotes, backticks, spaces, placeholder and
/// comment syntax, SQL keywords, and letters of the Basic Multilingual Plane whose case
/// folds unusually. MySQL takes no character past the BMP in an identifier (docs/dialects.md,
/// "Identifiers" under "Also kept"), and no engine takes NUL.
fn identifier_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(String::from),
        2 => proptest::char::range('A', 'Z').prop_map(String::from),
        1 => proptest::char::range('0', '9').prop_map(String::from),
        4 => select(&[
            "\"", "`", "'", " ", "?", "$1", "--", "/*", "*/", ";", "\\", "%", "_", ".", "/",
            "@", "#", "(", ")", ",", "=",
        ][..]).prop_map(str::to_owned),
        2 => select(&[
            "select", "SELECT", "from", "where", "order", "group", "table", "drop", "null",
            "AS", "u0", "t0", "key", "index", "int",
        ][..]).prop_map(str::to_owned),
        3 => select(&[
            'é', 'É', 'ß', 'ẞ', 'ſ', 'İ', 'ı', 'K', 'ǅ', 'Ω', 'ω', 'ς', 'ü', 'ñ', '日', '本',
            '\u{a0}', '\u{200b}', '\u{fffd}',
        ][..]).prop_map(String::from),
        1 => any::<char>()
            .prop_filter("in the BMP, not NUL", |c| *c != '\0' && u32::from(*c) <= 0xffff)
            .prop_map(String::from),
    ]
}

/// An identifier within every engine's limits (docs/dialects.md, "Identifiers" under "Also
/// kept"): at most `max_chars` characters (MySQL's 64, and fewer for tables, whose names
/// MariaDB stores as file names) and 63 bytes (PostgreSQL's), not ending in ASCII white
/// space (MySQL), never empty.
fn identifier(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(identifier_piece(), 1..8).prop_filter_map(
        "an identifier within the limits",
        move |pieces| {
            let mut name = String::new();
            for c in pieces.concat().chars() {
                if name.chars().count() == max_chars || name.len() + c.len_utf8() > 63 {
                    break;
                }
                name.push(c);
            }
            let name = name
                .trim_end_matches([' ', '\t', '\n', '\u{b}', '\u{c}', '\r'])
                .to_owned();
            (!name.is_empty()).then_some(name)
        },
    )
}

/// A table of two columns with adversarial names, and the row written into it.
#[derive(Clone, Debug)]
struct Named {
    table: String,
    key: String,
    column: String,
    id: i64,
    text: String,
}

impl Named {
    fn meta(&self) -> SchemaMeta {
        let field = |name: &str, ty| FieldMeta {
            name: Cow::Owned(name.to_owned()),
            column: Cow::Owned(name.to_owned()),
            ty,
            nullable: false,
        };
        SchemaMeta {
            table: Cow::Owned(self.table.clone()),
            fields: Cow::Owned(vec![
                field(&self.key, Ty::I64),
                field(&self.column, Ty::Text),
            ]),
            primary_key: Cow::Owned(vec![Cow::Owned(self.key.clone())]),
        }
    }
}

/// The tables of the fixture, which a random table must not replace: compared without ASCII
/// case, as SQLite compares names.
fn fixture_tables() -> Vec<String> {
    fixture::tables()
        .into_iter()
        .map(|(meta, _)| meta.table.to_ascii_lowercase())
        .collect()
}

fn named() -> impl Strategy<Value = Named> {
    let taken = fixture_tables();
    // SQLite reserves table names starting with `sqlite_` (in any ASCII case) for itself.
    let table = identifier(40).prop_filter("not a fixture or SQLite table", move |t| {
        let lower = t.to_ascii_lowercase();
        !lower.starts_with("sqlite_") && !taken.contains(&lower)
    });
    (
        table,
        identifier(64),
        identifier(64),
        int64(),
        adversarial_text(12),
    )
        .prop_filter(
            "two columns, distinct on every engine (recto::ddl rejects names that differ in case only)",
            |(_, key, column, _, _)| key.to_lowercase() != column.to_lowercase(),
        )
        .prop_map(|(table, key, column, id, text)| Named {
            table,
            key,
            column,
            id,
            text,
        })
}

/// A table and its columns with adversarial names — quotes, backticks, spaces, unicode,
/// `?`, `$1`, keywords — are created with `recto::ddl`, filled with one bound row, queried
/// schemalessly (`Query::table` and `u[column]`) and dropped; the row comes back.
#[test]
fn identifiers_round_trip() {
    property(
        "identifiers_round_trip",
        64,
        named(),
        async |_| Ok(()),
        async |dbs: &[TestDb], named: Named| {
            let meta = named.meta();
            for db in dbs {
                let (name, repo) = (db.name, &db.repo);
                let dialect = dialect(repo);
                let create = recto::ddl::create_table(&meta, dialect)
                    .map_err(|e| format!("{name}: no CREATE TABLE for {named:?}: {e}"))?;
                execute(repo, create).await?;
                let written = async {
                    let insert = insert(
                        dialect,
                        &meta,
                        vec![Value::I64(named.id), Value::Text(named.text.clone())],
                    );
                    repo.execute_sql(&insert)
                        .await
                        .map_err(|e| format!("{name}: {}: {e}", insert.text))?;
                    let query = Query::table(named.table.clone())
                        .filter(Expr::binary(
                            BinOp::Eq,
                            field(&named.key),
                            Expr::Param(Value::I64(named.id)),
                        ))
                        .filter(Expr::binary(
                            BinOp::Eq,
                            field(&named.column),
                            Expr::Param(Value::Text(named.text.clone())),
                        ))
                        .select(Select::Tuple(vec![
                            Selected::Expr(field(&named.key)),
                            Selected::Expr(field(&named.column)),
                        ]));
                    let rows: Vec<(i64, String)> = repo.all(&query).await.map_err(|e| {
                        format!("{name} failed: {e}\n  SQL: {}", shown(repo, &query))
                    })?;
                    if rows != [(named.id, named.text.clone())] {
                        return Err(format!(
                            "{name} read back {rows:?} from {named:?}\n  SQL: {}",
                            shown(repo, &query)
                        ));
                    }
                    Ok(())
                }
                .await;
                let drop = recto::ddl::drop_table(&meta, dialect).map_err(|e| e.to_string())?;
                execute(repo, drop).await?;
                written?;
            }
            Ok(())
        },
    );
}
