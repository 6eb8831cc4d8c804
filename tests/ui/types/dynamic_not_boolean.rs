use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

// One function each: rustc reports no more type errors in a function after one.
fn typed() {
    // With its schema named, the field is typed: an `i32` is no condition.
    let _ = dynamic!(u in User, u.age);
}

fn sum_of_untyped() {
    // Untyped, the field is checked by the planner, but arithmetic is a number whatever
    // its operands.
    let _ = dynamic!([u], u.age + 1);
}

fn negated_untyped() {
    let _ = dynamic!([u], -u["age"]);
}

fn main() {
    typed();
    sum_of_untyped();
    negated_untyped();
}
