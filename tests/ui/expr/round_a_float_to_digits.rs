use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub score: f64,
}

fn main() {
    // A float has no decimal digits to round to.
    let _ = from!(p in Post, select: round(p.score, 2));
    // The digits are the result's scale: a literal.
    let digits = 2;
    let _ = from!(p in Post, select: round(p.score, ^digits));
}
