//! The staging list: the handler's queue of one work center's machine location, every row.

use super::{Result, Service};
use crate::service::replenish::{QueueOf, QueueRequest, QueueRow};

/// One item of a work center's machine location, as the handler's queue has it.
pub type StagingLine = QueueRow;

impl Service {
    /// Every row of the handler's queue at a work center's machine location, in the queue's
    /// order: what released orders still plan to issue there and what waits in the exception
    /// queue, against what is usable on hand, with what to bring and from where.
    ///
    /// # Errors
    /// Unknown work center; the store fails.
    pub fn staging(&self, work_center: &str) -> Result<Vec<StagingLine>> {
        self.replenish(&QueueRequest {
            of: QueueOf::WorkCenter(work_center),
            all: true,
        })
    }
}
