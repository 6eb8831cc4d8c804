use recto::prelude::*;

#[derive(Schema)]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub tags: Vec<String>,
    pub created: std::time::SystemTime,
}

fn main() {}
