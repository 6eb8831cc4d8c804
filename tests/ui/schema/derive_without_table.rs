use recto::prelude::*;

#[derive(Schema)]
pub struct User {
    pub id: i64,
}

fn main() {}
