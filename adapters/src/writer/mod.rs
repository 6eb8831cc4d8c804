//! The one SQL writer every dialect shares: it prints a [`Planned`] query into one pre-sized
//! `String`, asking the [`Dialect`] only for identifiers, placeholders and its [`Quirks`].
//!
//! Parameters are appended as their placeholders are printed, so their order is the
//! placeholders' order by construction — also where an emulation prints an expression twice.
//! The writer validates nothing the planner has checked; what it rejects is what a dialect
//! cannot express ([`Error::Unsupported`]), before any SQL leaves it.

mod aggregate;
mod case;
mod casts;
mod compound;
mod cte;
mod dates;
mod decimal;
pub(crate) mod digits;
mod expr;
mod fragment;
mod full_join;
mod func;
mod json;
mod json_path;
mod lateral;
mod long_division;
mod math;
mod membership;
mod non_finite;
mod order_by;
mod params;
mod row;
mod scaled;
mod scaled_func;
mod select_list;
mod sources;
mod statement;
mod subquery;
mod values;

use recto_core::{Error, Value};
use recto_planner::{Alias, ColumnRef, Count, ExprId, Exprs, Planned};

pub(crate) use self::membership::padded_len;
use self::params::Params;
pub(crate) use self::params::{Origin, same, same_array};
use crate::Sql;
use crate::dialect::{Dialect, Placeholders, Quirks};

/// Prints a planned query as SQL text and parameters in `dialect`.
///
/// ```
/// use recto_adapters::{MySql, Postgres, Sqlite, render};
/// use recto_core::{BinOp, BindingRef, Expr, Query, Select, Selected, Value};
///
/// let q = Query::table("users")
///     .filter(Expr::binary(BinOp::Ge, Expr::field(BindingRef::Index(0), "age"), Expr::Param(Value::I32(18))))
///     .select(Select::One(Selected::Expr(Expr::field(BindingRef::Index(0), "name"))));
/// let planned = recto_planner::plan(q.data()).unwrap();
///
/// let pg = render(&planned, &Postgres).unwrap();
/// assert_eq!(pg.text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."age" >= $1)"#);
/// let my = render(&planned, &MySql).unwrap();
/// assert_eq!(my.text, "SELECT u0.`name` FROM `users` AS u0 WHERE (u0.`age` >= ?)");
/// let lite = render(&planned, &Sqlite).unwrap();
/// assert_eq!(lite.text, r#"SELECT u0."name" FROM "users" AS u0 WHERE (u0."age" >= ?)"#);
/// assert_eq!(pg.params, vec![Value::I32(18)]);
/// ```
pub fn render<D: Dialect + ?Sized>(planned: &Planned<'_>, dialect: &D) -> Result<Sql, Error> {
    render_learning(planned, dialect, false).map(|(sql, _)| sql)
}

/// [`render`], and with `learn`, where each parameter came from (see [`Origin`]) when the
/// text is one every query of the same shape renders to: the first, padded attempt succeeded
/// with a margin that no list length of the same padded lengths can exhaust. Shapes near the
/// parameter limit, where padding depends on the lengths themselves, learn nothing.
pub(crate) fn render_learning<D: Dialect + ?Sized>(
    planned: &Planned<'_>,
    dialect: &D,
    learn: bool,
) -> Result<(Sql, Option<Vec<Origin>>), Error> {
    let sql = render_with(planned, dialect, true, learn)?;
    match sql {
        // Padding is planned from the plan's parameter count, which does not count values an
        // emulation binds twice or text literals; if those push a padded statement past the
        // limit, the unpadded one may still fit.
        Rendered::TooMany { padded: true } => match render_with(planned, dialect, false, false)? {
            Rendered::Sql(sql, _) => Ok((sql, None)),
            Rendered::TooMany { .. } => Err(too_many(dialect)),
        },
        Rendered::TooMany { padded: false } => Err(too_many(dialect)),
        Rendered::Sql(sql, origins) => {
            // A list of `len` elements pads to fewer than `2 * len` placeholders, so with
            // this margin every list of another query of the same shape, whose padded
            // lengths and parameter count are the same, is padded exactly as here.
            let margin = planned
                .size
                .params
                .saturating_mul(2)
                .saturating_add(sql.params.len());
            let origins = origins.filter(|_| margin <= dialect.quirks().max_params);
            Ok((sql, origins))
        }
    }
}

/// What one attempt at printing gave.
enum Rendered {
    /// The statement, and where its parameters came from if that was asked.
    Sql(Sql, Option<Vec<Origin>>),
    /// More parameters than the engine takes; `padded` when some were list padding.
    TooMany { padded: bool },
}

fn render_with<D: Dialect + ?Sized>(
    planned: &Planned<'_>,
    dialect: &D,
    pad_lists: bool,
    learn: bool,
) -> Result<Rendered, Error> {
    let mut writer = Writer::new(dialect, planned, pad_lists);
    if learn {
        writer.params.learn_origins();
    }
    writer.check_non_finite(planned)?;
    writer.recursive_prefix(planned);
    writer.statement(planned)?;
    if writer.params.len() > writer.quirks.max_params {
        return Ok(Rendered::TooMany {
            padded: writer.padding > 0,
        });
    }
    Ok(Rendered::Sql(
        Sql {
            text: writer.text,
            params: writer.params.values,
        },
        writer.params.origins,
    ))
}

fn too_many<D: Dialect + ?Sized>(dialect: &D) -> Error {
    Error::Unsupported {
        feature: "a statement with more bound parameters than the engine accepts",
        dialect: dialect.name(),
    }
}

/// The SQL being written, and its parameters.
struct Writer<'d, 'p, D: ?Sized> {
    dialect: &'d D,
    /// The expressions of the plan being printed.
    exprs: &'p Exprs<'p>,
    quirks: Quirks,
    text: String,
    params: Params,
    /// Whether `in ^list` may be padded (see [`Writer::padded_len`]).
    pad_lists: bool,
    /// The parameters the plan counted (every element of a list included).
    planned_params: usize,
    /// The placeholders list padding has added so far.
    padding: usize,
    /// The `group_by:` terms while a `HAVING` is printed with
    /// [`HavingGrouped::MinOverGroup`](crate::dialect::HavingGrouped::MinOverGroup), outside
    /// any aggregate; `None` everywhere else.
    grouped: Option<&'p [ExprId]>,
    /// The condition of the aggregate being written, while its call is written
    /// ([`Writer::filtered_arg`]); `None` everywhere else.
    filter: Option<ExprId>,
    /// The derived tables of set operations numbered so far (`s1`, `s2`, ...).
    derived: usize,
    /// The plans of the subquery sources of the query being printed
    /// ([`Binding::derived`](recto_planner::Binding::derived)).
    nested: &'p [Planned<'p>],
    /// Whether the query being printed is nested in another (a subquery), whose selected
    /// decimals the query around reads as computed.
    inner: bool,
    /// Whether the query being printed is a set-operation member, whose rows are combined
    /// with the others'.
    in_member: bool,
    /// While the query being printed reads a full join's chain through a derived table
    /// ([`full_join::Split`]): which columns it holds. `None` everywhere else.
    split: Option<full_join::Split<'p>>,
}

impl<'d, 'p, D: Dialect + ?Sized> Writer<'d, 'p, D> {
    fn new(dialect: &'d D, planned: &'p Planned<'p>, pad_lists: bool) -> Self {
        // About 24 bytes per node (`u0."name", ` or ` AND `) covers most queries in one
        // allocation; a bigger one grows the String once or twice.
        let capacity = 64 + 24 * planned.size.nodes;
        Writer {
            dialect,
            exprs: &planned.exprs,
            quirks: *dialect.quirks(),
            text: String::with_capacity(capacity),
            params: Params::with_capacity(planned.size.params),
            pad_lists,
            planned_params: planned.size.params,
            padding: 0,
            grouped: None,
            filter: None,
            derived: 0,
            nested: &planned.derived,
            inner: false,
            in_member: false,
            split: None,
        }
    }

    /// Appends SQL text: keywords, operators, punctuation.
    fn sql(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends a `limit:`/`offset:` literal.
    fn number(&mut self, n: u64) {
        digits::push_u64(&mut self.text, n);
    }

    /// Appends a position: an alias's index, a derived table's column number.
    fn index(&mut self, n: usize) {
        digits::push_usize(&mut self.text, n);
    }

    /// Appends an integer literal.
    fn signed(&mut self, n: i64) {
        digits::push_i64(&mut self.text, n);
    }

    /// Appends a quoted identifier.
    fn identifier(&mut self, ident: &str) -> Result<(), Error> {
        // A byte loop: `str::contains` sets up a searcher costing more than a short name.
        if ident.bytes().any(|b| b == 0) {
            return Err(self.unsupported("an identifier containing the NUL character"));
        }
        self.dialect.push_identifier(&mut self.text, ident);
        Ok(())
    }

    /// Appends a binding's alias (`u0`; `s1u0` in set-operation member 1): unquoted, it is
    /// always letters and digits.
    ///
    /// Every column is written after its alias, and nearly every alias has one digit: that
    /// case is two pushes here, without the call to write a number.
    #[inline]
    fn alias(&mut self, alias: Alias) {
        if alias.query > 0 {
            self.text.push('s');
            self.index(alias.query);
        }
        self.text.push(alias.letter);
        match u8::try_from(alias.index) {
            Ok(digit @ 0..=9) => self.text.push(char::from(b'0' + digit)),
            _ => self.index(alias.index),
        }
    }

    /// Appends `u0."column"`, or `f0.c<n>` where the binding is read through a full join's
    /// derived table.
    fn column(&mut self, column: &ColumnRef<'_>) -> Result<(), Error> {
        let whole = column;
        let ColumnRef {
            alias,
            column,
            field: _,
            ty,
            decimal: _,
            nullable: _,
        } = column;
        self.expect_decimals(*ty)?;
        if self.split.is_some()
            && let Some(printed) = self.split_column(whole)
        {
            return printed;
        }
        self.alias(*alias);
        self.text.push('.');
        self.identifier(column)
    }

    /// Appends a placeholder for `value` and binds it (or, where placeholders are numbered,
    /// the placeholder of an equal value already bound).
    /// `origin` says where in the query the value came from, for the shape cache.
    fn bind(&mut self, value: Value, origin: Origin) -> Result<(), Error> {
        self.expect_decimal_value(&value)?;
        if matches!(value, Value::Array(_)) && !self.quirks.array_params {
            return Err(self.unsupported("a list bound as one parameter outside `in ^list`"));
        }
        let reuse = self.quirks.placeholders == Placeholders::Numbered;
        let n = self.params.bind(value, origin, reuse);
        self.dialect.push_placeholder(&mut self.text, n);
        Ok(())
    }

    /// Appends a `limit:`/`offset:` count.
    fn count(&mut self, count: &Count<'_>) -> Result<(), Error> {
        match count {
            Count::Literal(n) => {
                self.number(*n);
                Ok(())
            }
            Count::Param(value) => self.bind((*value).clone(), Origin::value(value)),
        }
    }

    /// The error for a feature this dialect cannot express.
    fn unsupported(&self, feature: &'static str) -> Error {
        Error::Unsupported {
            feature,
            dialect: self.dialect.name(),
        }
    }
}
