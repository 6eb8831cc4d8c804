use recto::prelude::*;
use recto::rust_decimal::Decimal;

#[derive(Schema)]
#[recto(table = "prices")]
pub struct Price {
    #[recto(primary_key)]
    pub id: i64,
    // A decimal column needs its precision and scale.
    pub amount: Decimal,
    // A precision and scale are for decimals.
    #[recto(decimal(15, 2))]
    pub weight: f64,
    // More digits after the point than in all.
    #[recto(decimal(4, 6))]
    pub rate: Option<Decimal>,
    // More digits than a `Decimal` holds.
    #[recto(decimal(30, 2))]
    pub total: Decimal,
}

fn main() {}
