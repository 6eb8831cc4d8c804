//! The macros' expansions compile against the facade and build the query data they mean:
//! typed fields on schema sources, composed queries and joins, fields by name elsewhere,
//! pins of values and of `Dynamic`s. Rendering is the adapters' tests' business.

use recto::prelude::*;
use recto::{BinOp, BindingRef, Direction, Expr, JoinKind, Select, Selected, Value};

#[derive(Schema, Debug)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    #[recto(column = "user_name")]
    pub name: String,
    pub email: Option<String>,
    pub age: i32,
    pub org_id: i64,
}

#[derive(Schema, Debug)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub score: f64,
}

fn field(binding: usize, name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(binding), name)
}

#[test]
fn derive_describes_the_table() {
    let meta = <User as recto::Schema>::META;
    assert_eq!(meta.table, "users");
    assert_eq!(meta.primary_key.as_ref(), ["id"]);
    let name = meta.field("name").unwrap();
    assert_eq!(
        (name.column.as_ref(), name.ty, name.nullable),
        ("user_name", recto::Ty::Text, false)
    );
    assert!(meta.field("email").unwrap().nullable);
}

#[test]
fn typed_fields_carry_their_position_in_the_schema() {
    let meta = <User as recto::Schema>::META;
    let fields = <User as recto::Schema>::FIELDS;
    let accessors = [
        (fields.id.name(), fields.id.hint()),
        (fields.name.name(), fields.name.hint()),
        (fields.email.name(), fields.email.hint()),
        (fields.age.name(), fields.age.hint()),
        (fields.org_id.name(), fields.org_id.hint()),
    ];
    for (name, hint) in accessors {
        let at = hint
            .position()
            .unwrap_or_else(|| panic!("`{name}` has no hint"));
        assert_eq!(meta.fields[at].name, name);
    }
    // `from!` passes the accessor's hint on to the expression the planner reads.
    let q = from!(u in User, where: u.age > 1);
    let Expr::Binary { left, .. } = &q.data().wheres[0].expr else {
        panic!("{:?}", q.data().wheres)
    };
    let Expr::Field { hint, .. } = left.as_ref() else {
        panic!("{left:?}")
    };
    assert_eq!(*hint, recto::schema::FieldHint::at(3));
}

#[test]
fn clauses_apply_in_the_written_order() {
    let min = 18;
    let q = from!(u in User,
        where: u.age >= ^min && like(u.name, "A%"),
        or_where: u.id in [1, 2],
        order_by: [desc: u.age, u.id],
        limit: 10,
        offset: ^(min * 2),
        select: (u.id, u.name));
    let data = q.data();
    assert_eq!(data.wheres.len(), 2);
    assert_eq!(
        data.wheres[1].expr,
        Expr::InList {
            expr: Box::new(field(0, "id")),
            list: vec![Expr::Lit(Value::I32(1)), Expr::Lit(Value::I32(2))]
        }
    );
    let directions: Vec<Direction> = data.order_bys[0]
        .terms
        .iter()
        .map(|t| t.direction)
        .collect();
    assert_eq!(directions, [Direction::Desc, Direction::Asc]);
    assert_eq!(data.limit.as_ref().unwrap().expr, Expr::Lit(Value::I32(10)));
    assert_eq!(
        data.offset.as_ref().unwrap().expr,
        Expr::Param(Value::I32(36))
    );
    assert_eq!(
        data.select.as_ref().unwrap().select,
        Select::Tuple(vec![
            Selected::Expr(field(0, "id")),
            Selected::Expr(field(0, "name"))
        ])
    );
}

#[test]
fn clauses_remember_the_users_line() {
    #[rustfmt::skip]
    let (line, q) = (line!(), from!(u in User, where: u.age > 1, order_by: u.id));
    let data = q.data();
    for at in [&data.from.at, &data.wheres[0].at, &data.order_bys[0].at] {
        assert!(at.file.ends_with("macros_expand.rs"), "{at}");
        assert_eq!(at.line, line, "{at}");
    }
}

#[test]
fn first_and_last_bindings() {
    let q = from!(u in User, join: p in Post, on: p.user_id == u.id);
    let q = from!([u, ..., p] in q, where: p.title == "t" && u.age > 1);
    assert_eq!(
        q.data().wheres[0].expr,
        Expr::binary(
            BinOp::And,
            Expr::binary(
                BinOp::Eq,
                Expr::field(BindingRef::Last, "title"),
                Expr::Lit(Value::Text("t".into()))
            ),
            Expr::binary(BinOp::Gt, field(0, "age"), Expr::Lit(Value::I32(1)))
        )
    );
}

#[test]
fn joins_extend_the_type_and_refer_past_the_source() {
    let base = from!(u in User, where: u.age > 1);
    let q: Query<(User, Post)> =
        from!(u in base, left_join: p in Post, on: p.user_id == u.id, as: posts);
    assert_eq!(q.data().joins[0].kind, JoinKind::Left);
    assert_eq!(q.data().joins[0].name.as_deref(), Some("posts"));
    assert_eq!(
        q.data().joins[0].on,
        Expr::binary(BinOp::Eq, field(1, "user_id"), field(0, "id"))
    );

    // Positional bindings of a composed query are typed through the query's type.
    let q = from!([u, p] in q, where: p.score >= 3.0 && u.age < 99, select: p);
    assert_eq!(
        q.data().select.as_ref().unwrap().select,
        Select::One(Selected::Binding(BindingRef::Index(1)))
    );
}

#[test]
fn named_and_schemaless_bindings_go_by_name() {
    let q =
        from!(u in User, join: t in "tags", on: t["user_id"] == u.id, as: tags, select: t.label);
    assert_eq!(
        q.data().select.as_ref().unwrap().select,
        Select::One(Selected::Expr(field(1, "label")))
    );
    let q = from!([tags: t] in q, where: t.label == "x");
    assert_eq!(
        q.data().wheres[0].expr,
        Expr::binary(
            BinOp::Eq,
            Expr::field(BindingRef::Named("tags".into()), "label"),
            Expr::Lit(Value::Text("x".into()))
        )
    );
}

#[test]
fn dynamic_conditions_splice_through_pins() {
    let min = 21;
    let by_age = dynamic!([u], u.age >= ^min);
    let both = dynamic!([u, p], ^by_age && p.title == ^"t");
    let q = from!(u in User, join: p in Post, on: p.user_id == u.id, where: ^both);
    assert_eq!(
        q.data().wheres[0].expr,
        Expr::binary(
            BinOp::And,
            Expr::binary(BinOp::Ge, field(0, "age"), Expr::Param(Value::I32(21))),
            Expr::binary(
                BinOp::Eq,
                field(1, "title"),
                Expr::Param(Value::Text("t".into()))
            )
        )
    );
}

/// The row of a struct literal select: the literal names it, so it must exist.
#[allow(dead_code)]
struct Summary {
    org: i64,
    n: i64,
    email: String,
}

#[test]
fn aggregates_and_struct_selects() {
    let q = from!(u in User,
        group_by: [u.org_id],
        having: count(u.id, distinct) > 1 && sum(u.age) > 10.0 && max(u.name) != "z",
        select: Summary { org: u.org_id, n: count(), email: coalesce(u.email, u.name, "none") });
    let Select::Struct(fields) = &q.data().select.as_ref().unwrap().select else {
        panic!("a struct select")
    };
    let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_ref()).collect();
    assert_eq!(names, ["org", "n", "email"]);
}

/// The query one call site builds for `min`: the same template each time.
fn adults(min: i32) -> Query<User, i64> {
    from!(u in User, where: u.age >= ^min && u.id in ^vec![1_i64, 2], select: u.id)
}

#[test]
fn a_call_site_is_a_template_of_its_pins() {
    let (a, b) = (adults(18), adults(21));
    let (ta, tb) = (a.template().unwrap(), b.template().unwrap());
    assert_eq!(ta.id(), tb.id());
    assert_eq!(ta.params().len(), 2);
    assert_ne!(ta.params(), tb.params());
    assert_eq!(
        b.data().wheres[0].expr,
        Expr::binary(
            BinOp::And,
            Expr::binary(BinOp::Ge, field(0, "age"), Expr::Param(Value::I32(21))),
            Expr::InParam {
                expr: Box::new(field(0, "id")),
                list: recto::value::Array::I64(vec![1, 2]),
            }
        )
    );
    // A composed call site is a template too, on top of the template it extends; one that
    // joins is built at once.
    let q = from!(u in a.clone(), where: u.name == ^"x".to_owned());
    let tq = q.template().unwrap();
    assert_eq!(tq.params(), [recto::Param::Value(Value::Text("x".into()))]);
    assert_eq!(
        tq.base().and_then(|base| base.template()).map(|t| t.id()),
        Some(ta.id())
    );
    assert_eq!(q.data().wheres.len(), 2);
    let joined = from!(u in a, join: o in "orgs", on: o["id"] == u.id);
    assert!(joined.template().is_none());
    assert_eq!(joined.data().joins.len(), 1);
}

#[test]
fn a_spliced_dynamic_builds_the_query_at_once() {
    let min = 21;
    let by_age = dynamic!([u], u.age >= ^min);
    let q = from!(u in User, where: ^by_age);
    assert!(q.template().is_none());
    assert_eq!(
        q.data().wheres[0].expr,
        Expr::binary(BinOp::Ge, field(0, "age"), Expr::Param(Value::I32(21)))
    );
}

#[test]
fn more_pins_than_a_template_holds_build_the_query_at_once() {
    let v = 7_i64;
    let q = from!(u in User, where:
        u.id != ^v && u.id != ^1_i64 && u.id != ^2_i64 && u.id != ^3_i64 && u.id != ^4_i64
        && u.id != ^5_i64 && u.id != ^6_i64 && u.id != ^7_i64 && u.id != ^8_i64
        && u.id != ^9_i64 && u.id != ^10_i64 && u.id != ^11_i64 && u.id != ^12_i64
        && u.id != ^13_i64 && u.id != ^14_i64 && u.id != ^15_i64 && u.id != ^16_i64
        && u.id != ^17_i64 && u.id != ^18_i64 && u.id != ^19_i64 && u.id != ^20_i64
        && u.id != ^21_i64 && u.id != ^22_i64 && u.id != ^23_i64 && u.id != ^(v + 17));
    assert!(q.template().is_none());
    let mut params = Vec::new();
    let mut expr = &q.data().wheres[0].expr;
    while let Expr::Binary { left, right, .. } = expr {
        match &**right {
            Expr::Binary { right: value, .. } => params.push((**value).clone()),
            _ => break,
        }
        expr = left;
    }
    if let Expr::Binary { right, .. } = expr {
        params.push((**right).clone());
    }
    params.reverse();
    let expected: Vec<Expr> = (0..25)
        .map(|k| Expr::Param(Value::I64(if k == 0 { 7 } else { k.min(24) })))
        .collect();
    assert_eq!(params, expected);
}
