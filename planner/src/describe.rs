//! A short rendering of a planned expression for error messages, in the query language's own
//! spelling (`u0.age + 1`, `count()`, `coalesce(u0.email, "x")`), so an error can show the
//! user which expression it means. It is not SQL, it never shows a bound value (a parameter
//! is `^…`), and it stays short: deep or long expressions are cut with `…`, which also keeps
//! its recursion a few levels deep.

use std::fmt::Write;

use recto_core::{AggFunc, BinOp, JsonAs, PathStep, SubqueryTest, Ty, UnOp, Value};

use crate::exprs::{ExprId, ExprList, Exprs};
use crate::planned::PlannedExpr;

/// Levels below the described expression that are still spelled out.
const MAX_LEVELS: usize = 6;

/// Characters after which the rest is cut.
const MAX_LEN: usize = 120;

/// Text literals longer than this many bytes are shown as `"…"`.
const MAX_TEXT: usize = 40;

/// `expr`, a node of `exprs`, as the user would recognize it, e.g. `u0.age + 1`.
pub(crate) fn describe(exprs: &Exprs<'_>, expr: ExprId) -> String {
    let mut out = String::new();
    write_expr(exprs, expr, 0, &mut out);
    out
}

fn write_expr(exprs: &Exprs<'_>, id: ExprId, level: usize, out: &mut String) {
    if level > MAX_LEVELS || out.len() > MAX_LEN {
        out.push('…');
        return;
    }
    let next = level + 1;
    match exprs.get(id) {
        PlannedExpr::Column(column) => {
            let _ = write!(out, "{}.{}", column.alias, column.field);
        }
        PlannedExpr::Lit(value) => literal(value, out),
        PlannedExpr::Param(_) => out.push_str("^…"),
        PlannedExpr::Unary { op, expr } => {
            out.push_str(match op {
                UnOp::Not => "!",
                UnOp::Neg => "-",
                _ => "?",
            });
            // `-(-18)`, not `--18`.
            if matches!(exprs.get(*expr), PlannedExpr::Unary { .. }) {
                out.push('(');
                write_expr(exprs, *expr, next, out);
                out.push(')');
            } else {
                operand(exprs, *expr, next, out);
            }
        }
        PlannedExpr::Binary { op, left, right } => {
            operand(exprs, *left, next, out);
            out.push(' ');
            out.push_str(symbol(*op));
            out.push(' ');
            operand(exprs, *right, next, out);
        }
        PlannedExpr::InList { expr, list } => {
            operand(exprs, *expr, next, out);
            out.push_str(" in [");
            arguments(exprs, *list, next, out);
            out.push(']');
        }
        PlannedExpr::InParam { expr, list: _ } => {
            operand(exprs, *expr, next, out);
            out.push_str(" in ^…");
        }
        PlannedExpr::IsNil(expr) => {
            out.push_str("is_nil(");
            write_expr(exprs, *expr, next, out);
            out.push(')');
        }
        PlannedExpr::Like {
            expr,
            pattern,
            case_insensitive,
        } => {
            out.push_str(if *case_insensitive { "ilike(" } else { "like(" });
            write_expr(exprs, *expr, next, out);
            out.push_str(", ");
            write_expr(exprs, *pattern, next, out);
            out.push(')');
        }
        PlannedExpr::Aggregate {
            func,
            arg,
            distinct,
            filter,
        } => {
            if filter.is_some() {
                out.push_str("filter(");
            }
            out.push_str(match func {
                AggFunc::Count => "count(",
                AggFunc::Sum => "sum(",
                AggFunc::Avg => "avg(",
                AggFunc::Min => "min(",
                AggFunc::Max => "max(",
                _ => "aggregate(",
            });
            if let Some(arg) = arg {
                write_expr(exprs, *arg, next, out);
            }
            if *distinct {
                out.push_str(", distinct");
            }
            out.push(')');
            if let Some(filter) = filter {
                out.push_str(", ");
                write_expr(exprs, *filter, next, out);
                out.push(')');
            }
        }
        PlannedExpr::Case { whens, otherwise } => {
            for (position, part) in exprs.list(*whens).iter().enumerate() {
                out.push_str(match (position, position % 2) {
                    (0, _) => "if ",
                    (_, 0) => " else if ",
                    _ => " { ",
                });
                write_expr(exprs, *part, next, out);
                if position % 2 == 1 {
                    out.push_str(" }");
                }
            }
            out.push_str(" else { ");
            match otherwise {
                Some(otherwise) => write_expr(exprs, *otherwise, next, out),
                None => out.push_str("nil"),
            }
            out.push_str(" }");
        }
        PlannedExpr::Coalesce(args) => {
            out.push_str("coalesce(");
            arguments(exprs, *args, next, out);
            out.push(')');
        }
        PlannedExpr::Func { func, args } => {
            out.push_str(func.name());
            out.push('(');
            arguments(exprs, *args, next, out);
            out.push(')');
        }
        PlannedExpr::Fragment {
            parts: _,
            args,
            ty: _,
        } => {
            out.push_str("fragment(\"…\", ");
            arguments(exprs, *args, next, out);
            out.push(')');
        }
        PlannedExpr::Cast { expr, ty } => {
            out.push_str("cast(");
            write_expr(exprs, *expr, next, out);
            out.push_str(", ");
            out.push_str(&rust_type(*ty));
            out.push(')');
        }
        PlannedExpr::JsonPath { expr, path, as_ } => {
            if *as_ == JsonAs::Text {
                out.push_str("json_text(");
            }
            write_expr(exprs, *expr, next, out);
            for step in *path {
                match step {
                    PathStep::Key(key) => {
                        let _ = write!(out, "[{key:?}]");
                    }
                    PathStep::Index(n) => {
                        let _ = write!(out, "[{n}]");
                    }
                    _ => out.push_str("[..]"),
                }
            }
            if *as_ == JsonAs::Text {
                out.push(')');
            }
        }
        PlannedExpr::Row(items) => {
            out.push('(');
            arguments(exprs, *items, next, out);
            out.push(')');
        }
        PlannedExpr::Subquery {
            test,
            operand: tested,
            query: _,
        } => {
            if let Some(tested) = tested {
                operand(exprs, *tested, next, out);
                out.push(' ');
            }
            let (op, call) = match test {
                SubqueryTest::Scalar => (None, "subquery(…)"),
                SubqueryTest::Exists => (None, "exists(…)"),
                SubqueryTest::In => (None, "in subquery(…)"),
                SubqueryTest::Any(op) => (Some(*op), " any(…)"),
                SubqueryTest::All(op) => (Some(*op), " all(…)"),
                _ => (None, "subquery(…)"),
            };
            if let Some(op) = op {
                out.push_str(symbol(op));
            }
            out.push_str(call);
        }
    }
}

/// An operand, parenthesized when it is itself an operation with two sides.
fn operand(exprs: &Exprs<'_>, expr: ExprId, level: usize, out: &mut String) {
    if matches!(exprs.get(expr), PlannedExpr::Binary { .. }) {
        out.push('(');
        write_expr(exprs, expr, level, out);
        out.push(')');
    } else {
        write_expr(exprs, expr, level, out);
    }
}

fn arguments(exprs: &Exprs<'_>, args: ExprList, level: usize, out: &mut String) {
    for (n, arg) in exprs.list(args).iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        if out.len() > MAX_LEN {
            out.push('…');
            return;
        }
        write_expr(exprs, *arg, level, out);
    }
}

fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::And => "&&",
        BinOp::Or => "||",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Rem => "%",
        _ => "?",
    }
}

fn literal(value: &Value, out: &mut String) {
    let _ = match value {
        Value::Null(_) => write!(out, "nil"),
        Value::Bool(b) => write!(out, "{b}"),
        Value::I32(n) => write!(out, "{n}"),
        Value::I64(n) => write!(out, "{n}"),
        Value::F64(f) => write!(out, "{f:?}"),
        Value::Text(text) if text.len() <= MAX_TEXT => write!(out, "{text:?}"),
        Value::Text(_) => write!(out, "\"…\""),
        Value::Date(date) => write!(out, "{date}"),
        Value::Timestamp(timestamp) => write!(out, "{timestamp}"),
        Value::Time(time) => write!(out, "{time}"),
        Value::TimestampUtc(at) => write!(out, "{at}"),
        _ => write!(out, "…"),
    };
}

/// The Rust type a column or value of SQL type `ty` decodes into, as users write it.
pub(crate) fn rust_type(ty: Ty) -> String {
    match ty {
        Ty::Bool => "bool",
        Ty::I16 => "i16",
        Ty::I32 => "i32",
        Ty::I64 => "i64",
        Ty::F32 => "f32",
        Ty::F64 => "f64",
        Ty::Text => "String",
        Ty::Bytes => "Vec<u8>",
        Ty::Date => "NaiveDate",
        Ty::Timestamp => "NaiveDateTime",
        Ty::Time => "NaiveTime",
        Ty::TimestampUtc => "DateTime<Utc>",
        Ty::Uuid => "Uuid",
        Ty::Json => "serde_json::Value",
        Ty::Decimal => "Decimal",
        other => return format!("{other:?}"),
    }
    .to_owned()
}
