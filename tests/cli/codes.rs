//! A code typed in another case means the one stored code that matches it without regard to
//! case, for every posting command; two stored codes that differ only in case refuse it,
//! naming both.

use crate::common::cli::*;

/// The demo plant, as lead 2001 (who may move, count and issue).
fn demo() -> Plant {
    let plant = Plant::empty();
    plant.run(&["demo", "--no-tui"]).ok();
    plant
}

fn as_lead(plant: &Plant, args: &[&str]) -> Out {
    let mut all = vec!["--user", "2001"];
    all.extend_from_slice(args);
    plant.run_env(&all, &[("BACKFLUSH_PIN", "2222")])
}

#[test]
fn codes_typed_in_lowercase_resolve_to_the_stored_ones() {
    let plant = demo();
    // A transfer of knob-1 from st-comp to m-asm moves KNOB-1 from ST-COMP to M-ASM.
    as_lead(
        &plant,
        &[
            "transfer", "--item", "knob-1", "--qty", "5", "--from", "st-comp", "--to", "m-asm",
        ],
    )
    .ok();
    assert_eq!(plant.qty("KNOB-1", "M-ASM"), "65");
    assert_eq!(plant.qty("KNOB-1", "ST-COMP"), "195");
    // A hand issue of serial g7-0001 on line gauge-700 of wo-1006.
    let issued = as_lead(
        &plant,
        &[
            "issue",
            "--order",
            "wo-1006",
            "--line",
            "gauge-700",
            "--qty",
            "1",
            "--lot",
            "g7-0001",
            "--location",
            "m-asm",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(issued["lots"][0]["lot"], "G7-0001", "{issued}");
    // A preview naming a lot and a location in lowercase.
    let plan = as_lead(
        &plant,
        &[
            "preview",
            "--order",
            "wo-1006",
            "--op",
            "20",
            "--good",
            "1",
            "--lot",
            "ho-46=oil-2611",
            "--json",
        ],
    )
    .ok()
    .json();
    let oil = plan["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["item"] == "HO-46")
        .expect("the oil's line")
        .clone();
    assert_eq!(oil["lots"][0]["lot"], "OIL-2611", "{oil}");
    assert_eq!(plan["order"], "WO-1006");
    // A count and a trace.
    as_lead(
        &plant,
        &[
            "count",
            "--item",
            "knob-1",
            "--location",
            "m-asm",
            "--qty",
            "64",
            "--reason",
            "COUNT",
        ],
    )
    .ok();
    assert_eq!(plant.qty("KNOB-1", "M-ASM"), "64");
    let trace = plant
        .run(&["trace", "--item", "gauge-700", "--lot", "g7-0001", "--json"])
        .ok()
        .json();
    assert_eq!(trace["item"], "GAUGE-700", "{trace}");
    assert_eq!(trace["lot"], "G7-0001", "{trace}");
    plant.verify();
}

#[test]
fn two_stored_codes_differing_only_in_case_refuse_the_typed_one_naming_both() {
    let plant = demo();
    let items = "item,description,uom,decimals,type,tracking,backflush,std_cost\n\
                 Knob-1,Release knob (old label),EA,0,stock,none,yes,0.95\n";
    plant
        .import_env(
            &Files(vec![("items.csv", items.into())]),
            &[("BACKFLUSH_PIN", "9999")],
            &["--user", "9001"],
        )
        .ok();
    as_lead(
        &plant,
        &["transfer", "--item", "knob-1", "--qty", "5", "--from", "ST-COMP", "--to", "M-ASM"],
    )
    .refused()
    .says(&[
        "error: item knob-1 matches KNOB-1 and Knob-1, which differ only in case: type it as stored\n",
    ]);
    // Typed as stored, each is its own item.
    as_lead(
        &plant,
        &[
            "transfer", "--item", "KNOB-1", "--qty", "5", "--from", "ST-COMP", "--to", "M-ASM",
        ],
    )
    .ok();
    assert_eq!(plant.qty("KNOB-1", "M-ASM"), "65");
    // A code that matches nothing stays unknown, as before.
    as_lead(
        &plant,
        &[
            "transfer", "--item", "nope", "--qty", "5", "--from", "ST-COMP", "--to", "M-ASM",
        ],
    )
    .refused()
    .says(&["unknown item nope"]);
}
