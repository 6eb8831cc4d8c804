//! Expressions nested far deeper than any walk may recurse: each operation either loops
//! (drop, clone, equality) or stops at `MAX_EXPR_DEPTH` with an error (serde) or an
//! ellipsis (`Debug`). Every test runs on a thread with a 2 MiB stack, the default of a
//! spawned Rust thread, where a recursive walk of these trees would abort the process.

use recto_core::{AggFunc, Array, BinOp, BindingRef, Expr, MAX_EXPR_DEPTH, UnOp, Value};

/// Runs `test` on a thread with a 2 MiB stack.
fn on_small_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(test)
        .expect("a test thread starts")
        .join()
        .expect("the test thread finishes");
}

fn leaf() -> Expr {
    Expr::field(BindingRef::Index(0), "age")
}

/// One way to wrap an expression in another, for each variant that has sub-expressions.
type Wrap = fn(Expr) -> Expr;

const WRAPS: [(&str, Wrap); 8] = [
    ("and", |e| e.and(leaf())),
    ("not", |e| Expr::Unary {
        op: UnOp::Not,
        expr: Box::new(e),
    }),
    ("in_list", |e| Expr::InList {
        expr: Box::new(leaf()),
        list: vec![leaf(), e],
    }),
    ("in_param", |e| Expr::InParam {
        expr: Box::new(e),
        list: Array::I32(vec![1]),
    }),
    ("is_nil", |e| Expr::IsNil(Box::new(e))),
    ("like", |e| Expr::Like {
        expr: Box::new(leaf()),
        pattern: Box::new(e),
        case_insensitive: true,
    }),
    ("max", |e| Expr::Aggregate {
        func: AggFunc::Max,
        arg: Some(Box::new(e)),
        distinct: false,
        filter: None,
    }),
    ("coalesce", |e| Expr::Coalesce(vec![e])),
];

/// `leaf()` wrapped `depth` times.
fn chain(wrap: Wrap, depth: usize) -> Expr {
    let mut expr = leaf();
    for _ in 0..depth {
        expr = wrap(expr);
    }
    expr
}

#[test]
fn dropping_a_million_deep_and_chain_does_not_overflow() {
    on_small_stack(|| drop(chain(WRAPS[0].1, 1_000_000)));
}

#[test]
fn dropping_deep_chains_of_every_variant_does_not_overflow() {
    on_small_stack(|| {
        for (_, wrap) in WRAPS {
            drop(chain(wrap, 200_000));
        }
    });
}

#[test]
fn cloning_and_comparing_deep_chains_loop() {
    on_small_stack(|| {
        for (name, wrap) in WRAPS {
            let expr = chain(wrap, 100_000);
            let copy = expr.clone();
            assert!(copy == expr, "a clone of a deep {name} chain equals it");
            // The same depth around another leaf differs only at the bottom.
            let mut other = Expr::field(BindingRef::Index(0), "name");
            for _ in 0..100_000 {
                other = wrap(other);
            }
            assert!(
                other != expr,
                "deep {name} chains with different leaves differ"
            );
            assert!(
                chain(wrap, 99_999) != expr,
                "{name} chains of different depths differ"
            );
        }
    });
}

#[test]
fn clone_keeps_every_field() {
    let expr = Expr::Binary {
        op: BinOp::Or,
        left: Box::new(Expr::Aggregate {
            func: AggFunc::Count,
            arg: None,
            distinct: true,
            filter: None,
        }),
        right: Box::new(Expr::InList {
            expr: Box::new(Expr::Param(Value::Text("x".into()))),
            list: vec![
                Expr::Lit(Value::I64(3)),
                Expr::Coalesce(vec![leaf(), leaf()]),
            ],
        }),
    };
    assert_eq!(format!("{:?}", expr.clone()), format!("{expr:?}"));
    assert_eq!(expr.clone(), expr);
}

#[test]
fn serializing_a_hundred_thousand_deep_chain_is_an_error() {
    on_small_stack(|| {
        for (name, wrap) in WRAPS {
            let error = serde_json::to_string(&chain(wrap, 100_000))
                .expect_err(&format!("a 100,000-deep {name} chain does not serialize"));
            assert!(
                error.to_string().contains("nested more than 256 levels"),
                "{name}: {error}"
            );
        }
    });
}

#[test]
fn the_depth_limit_is_exact_and_the_deepest_allowed_tree_round_trips() {
    on_small_stack(|| {
        for (name, wrap) in WRAPS {
            let deepest = chain(wrap, MAX_EXPR_DEPTH);
            let json = serde_json::to_string(&deepest)
                .unwrap_or_else(|e| panic!("a {name} chain at the limit serializes: {e}"));
            let mut reader = serde_json::Deserializer::from_str(&json);
            reader.disable_recursion_limit();
            let back: Expr = serde::Deserialize::deserialize(&mut reader)
                .unwrap_or_else(|e| panic!("a {name} chain at the limit deserializes: {e}"));
            assert!(back == deepest, "{name} round trip");
            assert!(
                serde_json::to_string(&wrap(deepest)).is_err(),
                "{name} past the limit"
            );
        }
    });
}

/// The JSON of a `depth`-deep `not` chain, written directly (the serializer refuses it).
fn deep_not_json(depth: usize) -> String {
    let leaf = r#"{"Field":{"binding":{"Index":0},"name":"age"}}"#;
    let mut json = String::new();
    for _ in 0..depth {
        json.push_str(r#"{"Unary":{"op":"Not","expr":"#);
    }
    json.push_str(leaf);
    for _ in 0..depth {
        json.push_str("}}");
    }
    json
}

#[test]
fn deserializing_deep_json_without_the_formats_own_limit_is_an_error() {
    on_small_stack(|| {
        let json = deep_not_json(100_000);
        let mut reader = serde_json::Deserializer::from_str(&json);
        reader.disable_recursion_limit();
        let error = <Expr as serde::Deserialize>::deserialize(&mut reader)
            .expect_err("a 100,000-deep document does not deserialize");
        assert!(
            error.to_string().contains("nested more than 256 levels"),
            "{error}"
        );
        // The counter is back at zero afterwards: a shallow document still reads.
        let shallow: Expr = serde_json::from_str(&deep_not_json(3)).expect("shallow reads");
        assert_eq!(shallow, chain(WRAPS[1].1, 3));
    });
}

#[test]
fn debug_of_a_deep_chain_is_cut_off() {
    on_small_stack(|| {
        let text = format!("{:?}", chain(WRAPS[1].1, 100_000));
        assert_eq!(text.matches("Unary").count(), MAX_EXPR_DEPTH);
        assert!(text.contains("expr: …"), "{}", &text[text.len() - 200..]);
        // Pretty printing nests one padding writer per level: bounded too.
        let pretty = format!("{:#?}", chain(WRAPS[1].1, 100_000));
        assert_eq!(pretty.matches("Unary").count(), MAX_EXPR_DEPTH);
        let shallow = format!("{:?}", chain(WRAPS[1].1, 1));
        assert_eq!(
            shallow,
            r#"Unary { op: Not, expr: Field { binding: Index(0), name: "age" } }"#
        );
    });
}
