//! The names expansions use: each function of [`dsl`](super) and each variant it
//! re-exports, under a `__recto_` prefix. An expansion starts with
//! `use ::recto::dsl::short::*;` and then names each call with one token (`__recto_eq(a, b)`
//! rather than `::recto::dsl::eq(a, b)`), which makes the code rustc reads for each query
//! much shorter. The prefix keeps the glob import from shadowing the user's own names in
//! the Rust code of `^` pins, since user code does not name things `__recto_*`.

pub use super::{
    Asc as __recto_Asc, AscNullsFirst as __recto_AscNullsFirst,
    AscNullsLast as __recto_AscNullsLast, Cross as __recto_Cross, Desc as __recto_Desc,
    DescNullsFirst as __recto_DescNullsFirst, DescNullsLast as __recto_DescNullsLast,
    FRAGMENT_ARG as __recto_FRAGMENT_ARG, Full as __recto_Full, Inner as __recto_Inner,
    InnerLateral as __recto_InnerLateral, Left as __recto_Left, LeftLateral as __recto_LeftLateral,
    Right as __recto_Right, add as __recto_add, all as __recto_all, and as __recto_and,
    any as __recto_any, arg as __recto_arg, avg as __recto_avg, case as __recto_case,
    case_nil as __recto_case_nil, cast as __recto_cast, coalesce as __recto_coalesce,
    col as __recto_col, comparing_template as __recto_comparing_template,
    condition as __recto_condition, count as __recto_count, count_all as __recto_count_all,
    count_value as __recto_count_value, div as __recto_div, elem as __recto_elem, eq as __recto_eq,
    exists as __recto_exists, expr as __recto_expr, field as __recto_field,
    field_by_name as __recto_field_by_name, fields as __recto_fields, filter as __recto_filter,
    float_lit as __recto_float_lit, fragment as __recto_fragment,
    fragment_arg as __recto_fragment_arg, fragment_sql as __recto_fragment_sql,
    fragment_untyped as __recto_fragment_untyped, ge as __recto_ge, gt as __recto_gt,
    identifier as __recto_identifier, in_list as __recto_in_list, in_param as __recto_in_param,
    in_subquery as __recto_in_subquery, is_nil as __recto_is_nil, le as __recto_le,
    like as __recto_like, list as __recto_list, list_arg as __recto_list_arg, lit as __recto_lit,
    long_tuple as __recto_long_tuple, lt as __recto_lt, max as __recto_max,
    mergeable as __recto_mergeable, min as __recto_min, mul as __recto_mul, named as __recto_named,
    ne as __recto_ne, neg as __recto_neg, no_condition as __recto_no_condition, not as __recto_not,
    nullable as __recto_nullable, one as __recto_one, or as __recto_or, order as __recto_order,
    parent as __recto_parent, pin as __recto_pin, rem as __recto_rem, root as __recto_root,
    row as __recto_row, scalar as __recto_scalar, selected as __recto_selected,
    selected_as as __recto_selected_as, selected_ref as __recto_selected_ref,
    source as __recto_source, splice as __recto_splice, sub as __recto_sub, sum as __recto_sum,
    template as __recto_template, template_on as __recto_template_on,
    template_on_select as __recto_template_on_select, tuple as __recto_tuple,
    untyped as __recto_untyped, whole as __recto_whole, whole_any as __recto_whole_any,
    whole_left as __recto_whole_left,
};
pub use super::{
    abs as __recto_abs, ago as __recto_ago, between as __recto_between, ceil as __recto_ceil,
    concat as __recto_concat, date_add as __recto_date_add, date_diff as __recto_date_diff,
    datetime_add as __recto_datetime_add, extract_date as __recto_extract_date,
    extract_time as __recto_extract_time, floor as __recto_floor, from_now as __recto_from_now,
    greatest as __recto_greatest, least as __recto_least, length as __recto_length,
    lower as __recto_lower, ltrim as __recto_ltrim, nullif as __recto_nullif,
    position as __recto_position, power as __recto_power, replace as __recto_replace,
    round as __recto_round, round_to as __recto_round_to, rtrim as __recto_rtrim,
    sqrt as __recto_sqrt, substring as __recto_substring, substring_from as __recto_substring_from,
    trim as __recto_trim, upper as __recto_upper,
};
#[cfg(feature = "json")]
pub use super::{
    json_index as __recto_json_index, json_key as __recto_json_key, json_text as __recto_json_text,
};
pub use crate::columns::{
    KnownColumns as __recto_KnownColumns, UnknownColumns as __recto_UnknownColumns,
    column as __recto_column, probe as __recto_probe,
};
pub use crate::func::DatePart::{
    Day as __recto_part_day, Dow as __recto_part_dow, Doy as __recto_part_doy,
    Hour as __recto_part_hour, Minute as __recto_part_minute, Month as __recto_part_month,
    Quarter as __recto_part_quarter, Second as __recto_part_second, Year as __recto_part_year,
};
pub use crate::func::Unit::{
    Day as __recto_unit_day, Hour as __recto_unit_hour, Minute as __recto_unit_minute,
    Month as __recto_unit_month, Second as __recto_unit_second, Week as __recto_unit_week,
    Year as __recto_unit_year,
};
