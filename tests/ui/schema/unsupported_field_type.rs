use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    pub id: i64,
    pub tags: Vec<String>,
    pub created: std::time::SystemTime,
}

fn main() {}
