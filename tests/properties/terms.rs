//! The expressions of the agreement property's random queries ([`crate::queries`]): a
//! small tree over the fixture's tables ([`Term`]) that becomes a recto [`Expr`] and shows
//! itself in `from!`'s syntax, with the questions the exclusions of holes ask of it.

use std::fmt;

use recto::{AggFunc, Array, BinOp, BindingRef, Expr, Func, Source, Ty, UnOp, Value};

use crate::common::{Org, Post, User};

/// A fixture table a binding reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Users,
    Orgs,
    Posts,
}

/// What a term evaluates to, as the generator keeps types apart: integers of both widths,
/// floats, text, dates, timestamps and booleans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Float,
    Text,
    Date,
    Stamp,
    Bool,
}

impl Table {
    pub(crate) fn letter(self) -> char {
        match self {
            Table::Users => 'u',
            Table::Orgs => 'o',
            Table::Posts => 'p',
        }
    }

    pub(crate) fn source(self) -> Source {
        match self {
            Table::Users => Source::schema::<User>(),
            Table::Orgs => Source::schema::<Org>(),
            Table::Posts => Source::schema::<Post>(),
        }
    }

    /// The table's fields with their kinds, as `tests/common` declares them.
    pub(crate) fn columns(self) -> &'static [(&'static str, Kind)] {
        match self {
            Table::Users => &[
                ("id", Kind::Int),
                ("name", Kind::Text),
                ("email", Kind::Text),
                ("age", Kind::Int),
                ("org_id", Kind::Int),
                ("born", Kind::Date),
            ],
            Table::Orgs => &[
                ("id", Kind::Int),
                ("name", Kind::Text),
                ("active", Kind::Bool),
            ],
            Table::Posts => &[
                ("id", Kind::Int),
                ("user_id", Kind::Int),
                ("title", Kind::Text),
                ("body", Kind::Text),
                ("score", Kind::Float),
                ("views", Kind::Int),
                ("published_at", Kind::Stamp),
            ],
        }
    }
}

/// An expression: a column, a value, or an operation, aggregate or condition over them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Term {
    Col {
        binding: usize,
        table: Table,
        field: &'static str,
    },
    Val {
        value: Value,
        bound: bool,
    },
    Arith(BinOp, Box<Term>, Box<Term>),
    Neg(Box<Term>),
    Coalesce(Vec<Term>),
    /// A scalar function call.
    Func(Func, Vec<Term>),
    /// `if c { a } else if .. else { d }`; no `else` is `else { nil }`.
    Case(Vec<(Term, Term)>, Option<Box<Term>>),
    Agg {
        func: AggFunc,
        arg: Option<Box<Term>>,
        distinct: bool,
        /// `filter(agg, cond)`.
        filter: Option<Box<Term>>,
    },
    /// A comparison (`==` ... `>=`) or `and`/`or`.
    Bin(BinOp, Box<Term>, Box<Term>),
    Not(Box<Term>),
    IsNil(Box<Term>),
    InList(Box<Term>, Vec<Term>),
    InParam(Box<Term>, Array),
    Like {
        expr: Box<Term>,
        pattern: Box<Term>,
        case_insensitive: bool,
    },
    /// A comparison of two rows as long: `(a, b) < (x, y)`.
    RowCmp(BinOp, Vec<Term>, Vec<Term>),
    /// A row tested in a list of rows as long: `(a, b) in [(x, y), ..]`.
    RowIn(Vec<Term>, Vec<Vec<Term>>),
    /// `cast(x, T)`.
    Cast(Box<Term>, Ty),
}

impl Term {
    pub(crate) fn expr(&self) -> Expr {
        let boxed = |t: &Term| Box::new(t.expr());
        match self {
            Term::Col { binding, field, .. } => Expr::field(BindingRef::Index(*binding), *field),
            Term::Val { value, bound: true } => Expr::Param(value.clone()),
            Term::Val { value, .. } => Expr::Lit(value.clone()),
            Term::Arith(op, a, b) | Term::Bin(op, a, b) => Expr::binary(*op, a.expr(), b.expr()),
            Term::Neg(a) => Expr::Unary {
                op: UnOp::Neg,
                expr: boxed(a),
            },
            Term::Not(a) => Expr::Unary {
                op: UnOp::Not,
                expr: boxed(a),
            },
            Term::Coalesce(args) => Expr::Coalesce(args.iter().map(Term::expr).collect()),
            Term::Func(func, args) => Expr::Func {
                func: *func,
                args: args.iter().map(Term::expr).collect(),
            },
            Term::Case(whens, otherwise) => Expr::Case {
                whens: whens.iter().map(|(c, v)| (c.expr(), v.expr())).collect(),
                otherwise: otherwise.as_deref().map(boxed),
            },
            Term::Agg {
                func,
                arg,
                distinct,
                filter,
            } => Expr::Aggregate {
                func: *func,
                arg: arg.as_deref().map(boxed),
                distinct: *distinct,
                filter: filter.as_deref().map(boxed),
            },
            Term::IsNil(a) => Expr::IsNil(boxed(a)),
            Term::InList(a, list) => Expr::InList {
                expr: boxed(a),
                list: list.iter().map(Term::expr).collect(),
            },
            Term::InParam(a, list) => Expr::InParam {
                expr: boxed(a),
                list: list.clone(),
            },
            Term::Like {
                expr,
                pattern,
                case_insensitive,
            } => Expr::Like {
                expr: boxed(expr),
                pattern: boxed(pattern),
                case_insensitive: *case_insensitive,
            },
            Term::RowCmp(op, a, b) => Expr::binary(*op, row(a), row(b)),
            Term::RowIn(a, rows) => Expr::InList {
                expr: Box::new(row(a)),
                list: rows.iter().map(|r| row(r)).collect(),
            },
            Term::Cast(a, ty) => Expr::Cast {
                expr: boxed(a),
                ty: *ty,
            },
        }
    }

    /// `binding.field`.
    pub(crate) fn col(binding: usize, table: Table, field: &'static str) -> Term {
        Term::Col {
            binding,
            table,
            field,
        }
    }
}

fn row(items: &[Term]) -> Expr {
    Expr::Row(items.iter().map(Term::expr).collect())
}

fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::And => "and",
        BinOp::Or => "or",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Rem => "%",
        _ => "?op",
    }
}

/// A value as `from!` would write it; `i64` and `f64` literals carry their suffix, since
/// their width decides the SQL type.
fn value(f: &mut fmt::Formatter<'_>, value: &Value) -> fmt::Result {
    match value {
        Value::Null(ty) => write!(f, "nil::<{ty:?}>"),
        Value::Bool(b) => write!(f, "{b}"),
        Value::I32(n) => write!(f, "{n}"),
        Value::I64(n) => write!(f, "{n}i64"),
        Value::F64(x) => write!(f, "{x:?}f64"),
        Value::Text(s) => write!(f, "{s:?}"),
        Value::Date(d) => write!(f, "~D[{d}]"),
        Value::Timestamp(t) => write!(f, "~N[{t}]"),
        Value::Array(a) => write!(f, "{a:?}"),
        other => write!(f, "{other:?}"),
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Col { table, field, .. } => write!(f, "{}.{field}", table.letter()),
            Term::Val { value: v, bound } => {
                if *bound {
                    f.write_str("^")?;
                }
                value(f, v)
            }
            Term::Arith(op, a, b) | Term::Bin(op, a, b) => write!(f, "({a} {} {b})", symbol(*op)),
            Term::Neg(a) => write!(f, "-({a})"),
            Term::Not(a) => write!(f, "not({a})"),
            Term::IsNil(a) => write!(f, "is_nil({a})"),
            Term::Coalesce(args) => write!(f, "coalesce({})", list(args)),
            Term::Func(Func::Extract(part), args) => {
                write!(f, "extract({}, {})", part.name(), list(args))
            }
            Term::Func(
                func @ (Func::DateAdd(unit)
                | Func::DatetimeAdd(unit)
                | Func::Ago(unit)
                | Func::FromNow(unit)),
                args,
            ) => write!(f, "{}({}, {})", func.name(), list(args), unit.name()),
            Term::Func(func, args) => write!(f, "{}({})", func.name(), list(args)),
            Term::Case(whens, otherwise) => {
                for (n, (cond, value)) in whens.iter().enumerate() {
                    let keyword = if n == 0 { "if" } else { " else if" };
                    write!(f, "{keyword} {cond} {{ {value} }}")?;
                }
                match otherwise {
                    Some(otherwise) => write!(f, " else {{ {otherwise} }}"),
                    None => f.write_str(" else { nil }"),
                }
            }
            Term::Agg {
                func,
                arg,
                distinct,
                filter,
            } => {
                if filter.is_some() {
                    f.write_str("filter(")?;
                }
                let name = format!("{func:?}").to_lowercase();
                match arg {
                    None => write!(f, "{name}()")?,
                    Some(arg) if *distinct => write!(f, "{name}({arg}, distinct)")?,
                    Some(arg) => write!(f, "{name}({arg})")?,
                }
                match filter {
                    Some(filter) => write!(f, ", {filter})"),
                    None => Ok(()),
                }
            }
            Term::InList(a, items) => write!(f, "({a} in [{}])", list(items)),
            Term::InParam(a, items) => write!(f, "({a} in ^{items:?})"),
            Term::Like {
                expr,
                pattern,
                case_insensitive,
            } => {
                let name = if *case_insensitive { "ilike" } else { "like" };
                write!(f, "{name}({expr}, {pattern})")
            }
            Term::RowCmp(op, a, b) => write!(f, "(({}) {} ({}))", list(a), symbol(*op), list(b)),
            Term::RowIn(a, rows) => {
                let rows: Vec<String> = rows.iter().map(|r| format!("({})", list(r))).collect();
                write!(f, "(({}) in [{}])", list(a), rows.join(", "))
            }
            Term::Cast(a, ty) => write!(f, "cast({a}, {ty:?})"),
        }
    }
}

pub(crate) fn list(terms: &[Term]) -> String {
    terms
        .iter()
        .map(Term::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
