use recto::prelude::*;
use recto::rust_decimal::Decimal;

#[derive(Schema)]
#[recto(table = "prices")]
pub struct Price {
    #[recto(primary_key)]
    pub id: i64,
    pub weight: f64,
    #[recto(decimal(15, 2))]
    pub amount: Decimal,
}

fn main() {
    // Arithmetic of a float and an exact decimal would lose the decimal's exactness.
    let _ = from!(p in Price, select: p.weight + p.amount);
}
