//! SPEC §13 edges of the files the program reads: `FILE:LINE` counts physical lines whatever
//! the line endings, `report --batch` reads real CSV, control characters are refused at import
//! and never printed raw.

use crate::common::cli::*;

// =============================================================================================
// FILE:LINE counts physical lines (SPEC §13)
// =============================================================================================

/// The base items with a bad row (type "bogus") as the third record, after a blank line,
/// written with `eol` as the line ending: header 1, blank 2, P 3, C1 4, bad row 5.
fn items_with_bad_row(eol: &str) -> String {
    [
        "item,description,uom,decimals,type,tracking,backflush,std_cost",
        "",
        "P,Parent,EA,0,stock,none,yes,100.00",
        "C1,Component one,EA,0,stock,none,yes,2.00",
        "C2,Component two,KG,3,bogus,none,yes,1.50",
        "",
    ]
    .join(eol)
}

#[test]
fn file_line_counts_physical_lines_with_lf_crlf_and_cr_endings() {
    for eol in ["\n", "\r\n", "\r"] {
        let plant = Plant::empty();
        plant
            .import(&Files::base().with("items.csv", &items_with_bad_row(eol)))
            .refused()
            .says(&["items.csv:5:", "\"bogus\""]);
    }
}

#[test]
fn a_header_after_blank_lines_is_named_at_its_line() {
    for eol in ["\n", "\r\n", "\r"] {
        let text = ["", "", "location,descr,kind", "RAW,Raw store,storage", ""].join(eol);
        Plant::empty()
            .import(&Files::base().with("locations.csv", &text))
            .refused()
            .says(&["locations.csv:3:", "unknown column \"descr\""]);
    }
}

#[test]
fn a_record_whose_quoted_field_spans_lines_is_named_at_its_first_line() {
    // C2's description spans lines 4 and 5; the row is refused at line 4.
    let items = "item,description,uom,decimals,type,tracking,backflush,std_cost\r\n\
                 P,Parent,EA,0,stock,none,yes,100.00\r\n\
                 C1,\"Component, \"\"one\"\"\",EA,0,stock,none,yes,2.00\r\n\
                 C2,\"Component\r\ntwo\",KG,3,bogus,none,yes,1.50\r\n";
    Plant::empty()
        .import(&Files::base().with("items.csv", items))
        .refused()
        .says(&["items.csv:4:"]);
}

#[test]
fn a_row_with_too_many_fields_is_named_at_its_line() {
    let stock = "item,location,qty\r\rC1,M1,100\rC2,M2,50,9\r";
    Plant::empty()
        .import(&Files::base().with("stock.csv", stock))
        .refused()
        .says(&["stock.csv:4:", "4 fields", "header row has 3"]);
}
