//! Every macro error a user can make holds its message and its span: each case under
//! `tests/ui/<category>/` is a small program that must fail to compile with the `.stderr`
//! beside it. Regenerate with `TRYBUILD=overwrite cargo test --test compile_fail` and read
//! every changed `.stderr` before committing it.

#[test]
fn compile_fail() {
    trybuild::TestCases::new().compile_fail("tests/ui/**/*.rs");
}
