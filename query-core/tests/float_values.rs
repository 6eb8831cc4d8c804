//! Every float a query can bind comes back from JSON as the same bits: NaN (with its
//! payload), the infinities, negative zero, subnormals and the extremes, alone
//! ([`Value::F64`]) or in a list ([`Array::F64`]); finite floats stay JSON numbers.

use recto_core::{Array, Expr, Value};

/// The floats that JSON or a decimal parser is most likely to get wrong.
const SPECIAL: [f64; 16] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    2.225_073_858_507_201e-308,
    f64::MAX,
    f64::MIN,
    f64::EPSILON,
    0.1,
    1.0 / 3.0,
    9_007_199_254_740_993.0,
    -123.456e200,
];

/// NaNs other than `f64::NAN`: negative, signalling, and with a payload.
const OTHER_NANS: [u64; 3] = [
    0xfff8_0000_0000_0000,
    0x7ff0_0000_0000_0001,
    0x7ff8_dead_beef_0001,
];

fn round_trip(value: &Value) -> (String, Value) {
    let json = serde_json::to_string(value).expect("a value serializes");
    let back = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} deserializes: {e}"));
    (json, back)
}

fn f64_bits(value: &Value) -> u64 {
    match value {
        Value::F64(x) => x.to_bits(),
        other => panic!("expected a float, got {other:?}"),
    }
}

/// A float from bits, fed through `x` every time: splitmix64, so the run is the same
/// everywhere without a dependency.
fn random_bits(count: usize) -> impl Iterator<Item = u64> {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    (0..count).map(move |_| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    })
}

fn all_cases() -> Vec<f64> {
    let mut cases = SPECIAL.to_vec();
    cases.extend(OTHER_NANS.map(f64::from_bits));
    // Random bit patterns cover every exponent, subnormals and NaN payloads included.
    cases.extend(random_bits(200_000).map(f64::from_bits));
    cases
}

#[test]
fn every_f64_parameter_round_trips_bit_for_bit() {
    for x in all_cases() {
        let (json, back) = round_trip(&Value::F64(x));
        assert_eq!(
            f64_bits(&back),
            x.to_bits(),
            "{x:e} ({:#x}) as {json}",
            x.to_bits()
        );
    }
}

#[test]
fn float_lists_round_trip_bit_for_bit() {
    let cases = all_cases();
    for chunk in cases.chunks(1000) {
        let (json, back) = round_trip(&Value::Array(Array::F64(chunk.to_vec())));
        let Value::Array(Array::F64(back)) = back else {
            panic!("a float list comes back as a float list: {json}")
        };
        assert_eq!(back.len(), chunk.len());
        for (x, y) in chunk.iter().zip(&back) {
            assert_eq!(
                x.to_bits(),
                y.to_bits(),
                "{x:e} in a list comes back as {y:e}"
            );
        }
    }
}

#[test]
fn the_json_form_keeps_finite_floats_as_numbers() {
    let cases: [(f64, &str); 9] = [
        (1.5, r#"{"F64":1.5}"#),
        (-0.0, r#"{"F64":-0.0}"#),
        (5e-324, r#"{"F64":5e-324}"#),
        (f64::MAX, r#"{"F64":1.7976931348623157e+308}"#),
        (f64::NAN, r#"{"F64":"NaN"}"#),
        (f64::INFINITY, r#"{"F64":"inf"}"#),
        (f64::NEG_INFINITY, r#"{"F64":"-inf"}"#),
        (
            f64::from_bits(0xfff8_0000_0000_0000),
            r#"{"F64":"NaN:0xfff8000000000000"}"#,
        ),
        (
            f64::from_bits(0x7ff0_0000_0000_0001),
            r#"{"F64":"NaN:0x7ff0000000000001"}"#,
        ),
    ];
    for (x, expected) in cases {
        assert_eq!(serde_json::to_string(&Value::F64(x)).unwrap(), expected);
    }
    assert_eq!(
        serde_json::to_string(&Array::F64(vec![f64::NAN, 2.0, f64::NEG_INFINITY])).unwrap(),
        r#"{"F64":["NaN",2.0,"-inf"]}"#
    );
}

#[test]
fn hand_written_floats_are_read_and_malformed_ones_rejected() {
    let read = |json: &str| serde_json::from_str::<Value>(json);
    assert_eq!(f64_bits(&read(r#"{"F64":3}"#).unwrap()), 3.0_f64.to_bits());
    assert_eq!(
        f64_bits(&read(r#"{"F64":-7}"#).unwrap()),
        (-7.0_f64).to_bits()
    );
    for bad in [
        r#"{"F64":null}"#,
        r#"{"F64":"nan"}"#,
        r#"{"F64":"Infinity"}"#,
        r#"{"F64":"1.5"}"#,
        // Bits that are not a NaN cannot hide behind the NaN form.
        r#"{"F64":"NaN:0x3ff0000000000000"}"#,
        r#"{"F64":"NaN:0xzz"}"#,
    ] {
        assert!(read(bad).is_err(), "{bad} is rejected");
    }
}

#[test]
fn a_nan_literal_in_an_expression_round_trips() {
    let expr = Expr::Lit(Value::F64(f64::NAN)).and(Expr::Param(Value::F64(f64::INFINITY)));
    let json = serde_json::to_string(&expr).unwrap();
    let back: Expr = serde_json::from_str(&json).unwrap();
    // NaN != NaN, so compare the forms instead of the trees.
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    assert_eq!(format!("{back:?}"), format!("{expr:?}"));
}
