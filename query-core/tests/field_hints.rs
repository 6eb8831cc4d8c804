//! A field's position hint is not part of what an expression means: equality ignores it,
//! and serialization leaves it out, so a query equals its deserialized copy.

use std::borrow::Cow;

use recto_core::schema::FieldHint;
use recto_core::{BindingRef, Expr};

fn hinted(name: &'static str, hint: FieldHint) -> Expr {
    Expr::Field {
        binding: BindingRef::Index(0),
        name: Cow::Borrowed(name),
        hint,
    }
}

#[test]
fn equality_ignores_the_hint_and_nothing_else() {
    let plain = Expr::field(BindingRef::Index(0), "age");
    assert_eq!(hinted("age", FieldHint::at(3)), plain);
    assert_eq!(
        hinted("age", FieldHint::at(3)),
        hinted("age", FieldHint::at(0))
    );
    assert_ne!(
        hinted("age", FieldHint::at(3)),
        hinted("name", FieldHint::at(3))
    );
    assert_ne!(
        hinted("age", FieldHint::at(3)),
        Expr::field(BindingRef::Index(1), "age")
    );
}

#[test]
fn serialization_leaves_the_hint_out() {
    let with = hinted("age", FieldHint::at(3));
    let without = Expr::field(BindingRef::Index(0), "age");
    let json = serde_json::to_string(&with).unwrap();
    assert_eq!(json, serde_json::to_string(&without).unwrap());
    let back: Expr = serde_json::from_str(&json).unwrap();
    let Expr::Field { hint, .. } = &back else {
        panic!("{back:?}")
    };
    assert_eq!(*hint, FieldHint::NONE);
    assert_eq!(back, with);
}

#[test]
fn positions_past_sixteen_bits_are_no_hint() {
    assert_eq!(FieldHint::at(0).position(), Some(0));
    assert_eq!(FieldHint::at(65534).position(), Some(65534));
    assert_eq!(FieldHint::at(65535).position(), None);
    assert_eq!(FieldHint::at(usize::MAX).position(), None);
    assert_eq!(FieldHint::NONE.position(), None);
}
