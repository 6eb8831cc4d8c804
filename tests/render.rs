//! Rendering snapshots: every case of `tests/cases` printed for PostgreSQL, MySQL and SQLite,
//! text and parameters. Each snapshot is a reviewed claim that the SQL is right.
//!
//! Each case also travels through JSON: a query is plain data, and the one that comes back
//! must equal the original and print the same SQL.

mod cases;
mod common;

use recto::{MySql, Postgres, Query, Sqlite, ToSql};

fn render(query: &Query) -> String {
    let mut out = String::new();
    for (name, sql) in [
        ("postgres", query.to_sql(Postgres)),
        ("mysql", query.to_sql(MySql)),
        ("sqlite", query.to_sql(Sqlite)),
    ] {
        out.push_str("-- ");
        out.push_str(name);
        out.push('\n');
        match sql {
            Ok(sql) => {
                out.push_str(&sql.text);
                out.push_str("\n   params: ");
                out.push_str(&format!("{:?}", sql.params));
            }
            Err(e) => out.push_str(&format!("error: {e}")),
        }
        out.push('\n');
    }
    out
}

macro_rules! render_tests {
    ($($case:ident),* $(,)?) => {$(
        #[test]
        fn $case() {
            let query = cases::$case();
            let rendered = render(&query);
            insta::assert_snapshot!(stringify!($case), rendered);

            let json = serde_json::to_string(&query).expect("a query serializes");
            let back: Query = serde_json::from_str(&json).expect("a serialized query deserializes");
            assert_eq!(back, query, "JSON round trip of {}", stringify!($case));
            assert_eq!(render(&back), rendered, "SQL after the JSON round trip of {}", stringify!($case));
        }
    )*};
}

render_tests! {
    default_select,
    select_one_field,
    select_tuple,
    select_binding_with_mapped_column,
    select_struct,
    select_struct_with_bindings,
    schemaless_source,
    quoted_identifiers,
    where_param,
    where_literals,
    where_float_literal,
    where_and_or_where,
    arithmetic_precedence,
    logic_precedence,
    in_literal_list,
    in_empty_literal_list,
    in_param_list,
    in_empty_param_list,
    is_nil_and_not,
    like_and_ilike,
    coalesce_fields,
    count_forms,
    numeric_aggregates,
    group_by_having,
    group_by_list,
    distinct_rows,
    order_by_every_direction,
    order_by_bare_expression,
    limit_and_offset_literals,
    limit_and_offset_params,
    offset_without_limit,
    order_by_nullable_ascending,
    order_by_nullable_descending,
    order_by_ties_broken,
    large_integers,
    negative_numbers,
    boolean_false,
    dates_compared_with_a_param,
    timestamps_ordered,
    left_join_without_match,
    empty_group_counts_zero,
    inner_join_named,
    left_join,
    inner_join_keyword,
    positional_bindings_of_a_composed_query,
    named_binding_of_a_composed_query,
    join_on_a_composed_query,
    schemaless_join,
    root_named_with_as,
    dynamic_all_fields,
    dynamic_no_fields,
    lone_or_where,
    select_literals_and_params,
    comparison_operators,
    integer_division_and_remainder,
    float_division,
    not_as_an_operand,
    not_in_empty_lists,
    in_param_list_padded,
    is_nil_of_not,
    double_negation,
    like_wildcards_and_quotes,
    order_by_an_aggregate_that_may_be_null,
    limit_zero,
    offset_param_without_limit,
    join_on_with_params,
    join_on_true,
    three_bindings,
    every_clause,
    select_a_whole_binding_in_a_tuple,
    distinct_sorted_by_a_repeated_param_expression,
    grouped_by_a_repeated_param_expression,
    having_over_a_grouped_expression,
    having_over_a_nullable_grouped_column,
    having_over_a_column_of_a_grouped_key,
    having_alone_is_one_group,
    having_alone_over_no_rows,
    having_alone_false,
    distinct_grouped_sorted_by_an_average,
    distinct_constant_with_an_offset,
    distinct_constant_without_an_offset,
    having_over_an_unselected_column_of_a_grouped_key,
    having_over_grouped_columns_of_two_tables,
    having_over_grouped_keys_of_two_tables,
    coalesce_of_booleans,
    coalesce_of_a_boolean_and_a_null_boolean,
    small_i64_literals_are_64_bit,
    distinct_averages_of_groups,
    distinct_averages_of_groups_with_two_keys,
    having_an_aggregate_without_group_by,
    having_an_aggregate_over_no_rows,
    order_by_an_aggregate_without_group_by,
}
