#pragma once
/// The store's schema and its migrations. `PRAGMA user_version` holds the schema version;
/// each migration step is applied in its own transaction after a backup of the database.
#include <string_view>
#include <vector>

namespace mltrl::schema {

/// Statements that take a store from version i to i+1 (index 0: empty store → version 1).
const std::vector<std::string_view> &migrations();

/// The version this build writes.
int currentVersion();

/// The search indexer's staging table: a TEMP table of one connection (never in the store's
/// file), where extracted texts wait until a revision is indexed completely. Kept here so every
/// table the application creates is written in this one file.
std::string_view searchStagingTable();

} // namespace mltrl::schema
