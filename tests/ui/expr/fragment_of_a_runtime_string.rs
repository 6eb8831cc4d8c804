use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

fn main() {
    let sql = "lower(?)";
    let _ = from!(u in User, select: fragment(sql, u.name));
    let _ = from!(u in User, select: fragment(concat!("lower", "(?)"), u.name));
    let _ = from!(u in User, select: fragment(^format!("lower({})", "?"), u.name));
    let _ = from!(u in User, select: fragment());
}
