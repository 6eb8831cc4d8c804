//! The reference model of the filter property: conditions over the fixture's `users` as
//! data ([`Cond`], [`Scalar`]), turned into recto expressions and evaluated in Rust with
//! SQL's three-valued logic over the fixture's own rows. It knows nothing of any engine.

use std::fmt;

use recto::chrono::NaiveDate;
use recto::{
    Array, BinOp, Direction, Expr, OrderTerm, Query, Schema, Select, Selected, UnOp, Value,
};

use crate::common::User;
use crate::field;
use crate::fixture;

/// A column of `users` (`tests/common`), with its field name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Col {
    Id,
    Name,
    Email,
    Age,
    OrgId,
    Born,
}

impl Col {
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) enum V {
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
pub(crate) struct Users {
    fields: Vec<String>,
    pub(crate) rows: Vec<Vec<Value>>,
}

impl Users {
    pub(crate) fn from_fixture() -> Users {
        let (meta, rows) = fixture::tables()
            .into_iter()
            .find(|(meta, _)| meta.table == User::META.table)
            .expect("the fixture has users");
        Users {
            fields: meta.fields.iter().map(|f| f.name.to_string()).collect(),
            rows,
        }
    }

    pub(crate) fn get(&self, row: usize, col: Col) -> Option<V> {
        let index = self
            .fields
            .iter()
            .position(|f| f == col.name())
            .expect("a users field");
        model_value(&self.rows[row][index])
    }

    pub(crate) fn id(&self, row: usize) -> i64 {
        match self.get(row, Col::Id) {
            Some(V::Int(id)) => id,
            other => unreachable!("a user id is an integer, not {other:?}"),
        }
    }

    /// Every text the fixture's users hold: names and emails.
    pub(crate) fn texts(&self) -> Vec<String> {
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

    pub(crate) fn dates(&self) -> Vec<NaiveDate> {
        (0..self.rows.len())
            .filter_map(|row| match self.get(row, Col::Born) {
                Some(V::Date(d)) => Some(d),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn ints(&self, col: Col) -> Vec<i64> {
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
pub(crate) enum ArOp {
    Add,
    Sub,
    Mul,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub(crate) const ALL: [CmpOp; 6] = [
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ];

    pub(crate) fn bin_op(self) -> BinOp {
        match self {
            CmpOp::Eq => BinOp::Eq,
            CmpOp::Ne => BinOp::Ne,
            CmpOp::Lt => BinOp::Lt,
            CmpOp::Le => BinOp::Le,
            CmpOp::Gt => BinOp::Gt,
            CmpOp::Ge => BinOp::Ge,
        }
    }

    pub(crate) fn symbol(self) -> &'static str {
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
    pub(crate) fn eval<T: PartialOrd>(self, a: Option<T>, b: Option<T>) -> Option<bool> {
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
pub(crate) enum Scalar {
    Col(Col),
    Value { value: Value, bound: bool },
    Arith(ArOp, Box<Scalar>, Box<Scalar>),
    Neg(Box<Scalar>),
}

impl Scalar {
    pub(crate) fn expr(&self) -> Expr {
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
    pub(crate) fn eval(&self, users: &Users, row: usize) -> Option<V> {
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
pub(crate) enum Cond {
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
    /// `if c { a } else { b }`, or `else { nil }` without `b`: a boolean conditional.
    If(Box<Cond>, Box<Cond>, Option<Box<Cond>>),
}

impl Cond {
    pub(crate) fn expr(&self) -> Expr {
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
            Cond::If(cond, then, otherwise) => Expr::Case {
                whens: vec![(cond.expr(), then.expr())],
                otherwise: otherwise.as_ref().map(|b| Box::new(b.expr())),
            },
        }
    }

    /// SQL's three-valued answer for `row`: `None` is unknown.
    pub(crate) fn eval(&self, users: &Users, row: usize) -> Option<bool> {
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
            // A condition that is false or unknown takes the `else`; no `else` is NULL.
            Cond::If(cond, then, otherwise) => match cond.eval(users, row) {
                Some(true) => then.eval(users, row),
                _ => otherwise.as_ref().and_then(|b| b.eval(users, row)),
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
            Cond::If(cond, then, Some(otherwise)) => {
                write!(f, "if {cond} {{ {then} }} else {{ {otherwise} }}")
            }
            Cond::If(cond, then, None) => write!(f, "if {cond} {{ {then} }} else {{ nil }}"),
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

/// A query's filter: conditions added with `where:` or `or_where:`, combined left to right.
#[derive(Clone, Debug)]
pub(crate) struct Filter(pub(crate) Vec<(bool, Cond)>);

impl Filter {
    /// `from u in User, where/or_where: ..., order_by: u.id, select: u.id`.
    pub(crate) fn query(&self) -> Query<User, recto::row::AnyRow> {
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
    pub(crate) fn model(&self, users: &Users) -> Vec<i64> {
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
