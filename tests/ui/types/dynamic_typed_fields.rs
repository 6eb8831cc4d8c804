use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

fn misspelt() {
    let _ = dynamic!(u in User, u.agee > 1);
}

fn mismatched() {
    // The second binding is left untyped: only the first one's fields are checked here.
    let _ = dynamic!([u, o] in (User, _), u.name == 1 && o["x"] == 1);
}

fn main() {
    misspelt();
    mismatched();
}
