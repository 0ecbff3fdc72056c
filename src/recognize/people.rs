//! people recogniser (stub).
