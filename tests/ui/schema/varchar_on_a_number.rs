use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "codes")]
pub struct Code {
    #[recto(primary_key)]
    pub id: i64,
    // A maximum length is for text.
    #[recto(varchar(4))]
    pub count: i32,
    // A length of no characters.
    #[recto(varchar(0))]
    pub label: String,
}

fn main() {}
