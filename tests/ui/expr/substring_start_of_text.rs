use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub score: f64,
}

fn main() {
    // Positions are whole numbers.
    let _ = from!(u in User, select: substring(u.name, u.score, 2));
}
