//! `backflush import DIR`: reads the CSV files of a directory, validates every row
//! against the files and the stored master data, releases new orders, and writes it all in
//! one transaction. Any bad row refuses the whole import with `FILE:LINE: what is wrong`.
//!
//! | module | holds |
//! | --- | --- |
//! | [`reader`] | CSV text as records at their physical lines (shared with `report --batch`) |
//! | `rows` | one file's header and rows, typed access to fields |
//! | `master` | locations, items, unit conversions, work centers, users |
//! | `boms` | BOMs (no cycles) and routings |
//! | `orders` | orders (released) and opening stock |
//! | `apply` | what the files hold, written in one transaction |

use std::path::Path;

use crate::domain::codes::OrderNo;
use crate::domain::journal::AccountNames;
use crate::store::settings::Setting;
use crate::store::{self, Stamp, Store, StoreError};

mod apply;
mod boms;
mod error;
mod master;
mod orders;
pub mod reader;
mod rows;

use apply::Plan;
pub use error::{Duplicate, FilesProblem, RowProblem};

/// Why an import was refused; nothing was written.
#[derive(Debug)]
pub enum ImportError {
    /// A row (or the header) of a file: which file, which line, and what is wrong there.
    Row {
        file: String,
        line: u64,
        /// Boxed: some problems carry many codes, and every import result would otherwise be
        /// as large as they are.
        problem: Box<RowProblem>,
    },
    /// The directory or a file of it as a whole.
    Files(FilesProblem),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Rows read per file, in import order.
    pub files: Vec<(String, usize)>,
    pub orders_released: usize,
    pub warnings: Vec<ImportWarning>,
}

/// Something an import did not do but the user should know, with the row it concerns.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportWarning {
    /// A row of an order already released differs from it: the order keeps its snapshot.
    ReleasedOrderChanged {
        file: String,
        line: u64,
        order: OrderNo,
    },
}

/// The files an import reads, in the order their references need.
pub const FILES: [&str; 10] = [
    "locations.csv",
    "items.csv",
    "uom_conversions.csv",
    "work_centers.csv",
    "boms.csv",
    "routings.csv",
    "users.csv",
    "orders.csv",
    "stock.csv",
    "location_items.csv",
];

/// Imports the CSV files of `dir` into the store, all or nothing.
///
/// # Errors
/// The first bad row, as `FILE:LINE: what is wrong`; nothing is written.
pub fn import_dir(
    store: &mut Store,
    dir: &Path,
    stamp: &Stamp,
    accounts: &AccountNames,
    settings: Option<&[Setting]>,
) -> Result<ImportSummary, ImportError> {
    if !dir.is_dir() {
        return Err(ImportError::Files(FilesProblem::NotADirectory {
            dir: dir.display().to_string(),
        }));
    }
    let mut plan = Plan {
        master: store::master::load_all(store.conn())?,
        ..Plan::default()
    };
    let mut any = settings.is_some();
    if let Some(rows) = settings {
        plan.summary
            .files
            .push(("settings.toml".to_string(), rows.len()));
    }
    any |= read_files(store, dir, &mut plan)?;
    if !any {
        return Err(ImportError::Files(FilesProblem::NoFiles {
            dir: dir.display().to_string(),
        }));
    }
    apply::apply(store, &plan, stamp, accounts, settings)?;
    plan.summary.orders_released = plan.orders.len();
    Ok(plan.summary)
}

/// Reads every import file of `dir` there is into `plan`, in the order their references
/// need; whether there was any.
fn read_files(store: &Store, dir: &Path, plan: &mut Plan) -> Result<bool, ImportError> {
    let mut any = false;
    for file in FILES {
        let Some(rows) = rows::read_file(dir, file)? else {
            continue;
        };
        any = true;
        plan.summary.files.push((file.to_string(), rows.len()));
        match file {
            "locations.csv" => master::read_locations(plan, &rows)?,
            "items.csv" => master::read_items(plan, &rows)?,
            "uom_conversions.csv" => master::read_conversions(plan, &rows)?,
            "work_centers.csv" => master::read_work_centers(plan, &rows)?,
            "boms.csv" => boms::read_boms(plan, &rows)?,
            "routings.csv" => boms::read_routings(plan, &rows)?,
            "users.csv" => master::read_users(plan, &rows)?,
            "orders.csv" => orders::read_orders(store, plan, &rows)?,
            "stock.csv" => orders::read_stock(plan, &rows)?,
            _ => orders::read_location_items(plan, &rows)?,
        }
    }
    Ok(any)
}
