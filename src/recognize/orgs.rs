//! orgs recogniser (stub).
