//! The key's encodings agree with each other.

use recto_core::schema::FieldHint;

use super::*;

/// The one-piece encoding of a field is the general encoding's bytes.
#[test]
fn a_field_is_encoded_alike_on_both_paths() {
    let name: &'static str = "id";
    let field = Expr::Field {
        binding: BindingRef::Index(3),
        name: Cow::Borrowed(name),
        hint: FieldHint::at(2),
    };
    let (mut fast, mut general) = (Vec::new(), Vec::new());
    let mut slots = Vec::new();
    let mut writer = KeyWriter {
        key: &mut fast,
        slots: &mut slots,
        expand: false,
    };
    assert_eq!(writer.expr(&field, 0), Ok(()));
    let mut writer = KeyWriter {
        key: &mut general,
        slots: &mut slots,
        expand: false,
    };
    writer.byte(2);
    assert_eq!(writer.binding(&BindingRef::Index(3)), Ok(()));
    writer.name(&Cow::Borrowed(name));
    writer.key.extend_from_slice(&hint_bytes(FieldHint::at(2)));
    assert_eq!(fast, general);
    assert_eq!(fast.len(), 15);
    assert_eq!(fast[13..], [2, 0]);
}

/// A fragment is never keyed, whatever its parts: its text is keyed by nothing.
#[test]
fn a_fragment_is_uncacheable() {
    let fragment = Expr::Fragment {
        parts: vec![recto_core::FragmentPart::sql("random()")],
        args: Vec::new(),
        ty: None,
    };
    let (mut key, mut slots) = (Vec::new(), Vec::new());
    let mut writer = KeyWriter {
        key: &mut key,
        slots: &mut slots,
        expand: false,
    };
    assert_eq!(writer.expr(&fragment, 0), Err(Uncacheable));
}
