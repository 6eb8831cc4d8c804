use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

fn main() {
    // With its schema named, the field is typed: an `i32` is no condition.
    let _ = dynamic!(u in User, u.age);
    // Untyped, the field is checked by the planner, but arithmetic is a number whatever
    // its operands.
    let _ = dynamic!([u], u.age + 1);
    let _ = dynamic!([u], -u["age"]);
}
