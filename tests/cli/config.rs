//! The configuration file and `backflush demo`.

use crate::common::cli::*;

// =============================================================================================
// Configuration
// =============================================================================================

#[test]
fn config_unknown_key_is_refused_naming_it() {
    let plant = Plant::base().config("[policy]\nnegative_stok = \"defer\"\n");
    plant
        .run(&["stock", "--json"])
        .refused()
        .says(&["negative_stok"]);
    base_report(&plant, &["--good", "1"])
        .refused()
        .says(&["negative_stok"]);
}

#[test]
fn config_unknown_section_is_refused_naming_it() {
    let plant = Plant::base().config("[polcy]\nnegative_stock = \"defer\"\n");
    plant.run(&["stock", "--json"]).refused().says(&["polcy"]);
}

#[test]
fn config_bad_policy_value_is_refused() {
    let plant = Plant::base().config("[policy]\nnegative_stock = \"sometimes\"\n");
    plant
        .run(&["stock", "--json"])
        .refused()
        .says(&["sometimes"]);
}

// =============================================================================================
// Demo
// =============================================================================================

#[test]
fn demo_loads_into_a_new_store() {
    let plant = Plant::empty();
    plant.run(&["demo", "--no-tui"]).ok();
    let stock = plant.stock();
    assert!(
        stock.as_array().is_some_and(|s| !s.is_empty()),
        "the demo plant has stock: {stock}"
    );
    plant.verify();
}
