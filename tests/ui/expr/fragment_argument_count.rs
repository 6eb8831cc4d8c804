use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

fn main() {
    let _ = from!(u in User, select: fragment("lower(?)"));
    let _ = from!(u in User, select: fragment("? = ?", u.id, u.id, u.name));
    // `??` is a literal question mark, not a placeholder.
    let _ = from!(u in User, select: fragment("? ?? ?", u.name));
}
