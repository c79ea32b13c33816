#include "core/store/Schema.h"

namespace mltrl::schema {

namespace {

// Version 1: projects, revisions and everything a manifest holds, one row per item, scoped
// by revision. Metric points are packed little-endian float64 arrays (one BLOB per column per
// sub-series): a 10-million-point series loads in one read instead of ten million rows.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);
CREATE TABLE revisions (
    id               INTEGER PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES projects(id),
    number           INTEGER NOT NULL,
    fingerprint      TEXT NOT NULL,
    manifest_sha256  TEXT NOT NULL,
    imported_at      TEXT NOT NULL,
    source           TEXT NOT NULL,
    name             TEXT NOT NULL,
    domain           TEXT NOT NULL,
    summary          TEXT NOT NULL,
    current_level    INTEGER NOT NULL,
    target_level     INTEGER,
    system_level     INTEGER,
    exported_at      TEXT NOT NULL,
    project_json     TEXT NOT NULL,
    warnings_json    TEXT NOT NULL,
    UNIQUE (project_id, number),
    UNIQUE (project_id, fingerprint)
);
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE files (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    size         INTEGER NOT NULL,
    PRIMARY KEY (revision_id, path)
) WITHOUT ROWID;
CREATE TABLE components (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    level        INTEGER NOT NULL,
    code         TEXT NOT NULL,
    held_back    INTEGER NOT NULL,
    PRIMARY KEY (revision_id, id)
) WITHOUT ROWID;
CREATE TABLE history (
    revision_id     INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    at              TEXT NOT NULL,
    from_level      INTEGER,
    to_level        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    switchback      TEXT NOT NULL,
    reason          TEXT NOT NULL,
    gate            TEXT NOT NULL,
    invalid_reason  TEXT,
    PRIMARY KEY (revision_id, ord)
) WITHOUT ROWID;
CREATE TABLE cards (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    level        INTEGER NOT NULL,
    component    TEXT NOT NULL,
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, ord)
) WITHOUT ROWID;
CREATE TABLE requirements (
    revision_id   INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    level         INTEGER,
    p_failure     REAL,
    impact        REAL,
    risk          REAL,
    verification  TEXT NOT NULL,
    validation    TEXT NOT NULL,
    json          TEXT NOT NULL,
    PRIMARY KEY (revision_id, id)
) WITHOUT ROWID;
CREATE TABLE gates (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    level        INTEGER NOT NULL,
    title        TEXT NOT NULL,
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, id)
) WITHOUT ROWID;
CREATE TABLE criteria (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    gate_id      TEXT NOT NULL,
    ord          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    text         TEXT NOT NULL,
    metric       TEXT NOT NULL,
    aggregate    TEXT NOT NULL,
    op           TEXT NOT NULL,
    threshold    REAL,
    series       TEXT NOT NULL,
    observed     REAL,
    suggested    TEXT,
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, gate_id, id)
) WITHOUT ROWID;
CREATE TABLE evidence (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    path         TEXT NOT NULL,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    level        INTEGER,
    media_type   TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    size         INTEGER NOT NULL,
    created      TEXT NOT NULL,
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, id)
) WITHOUT ROWID;
CREATE TABLE metrics (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    path         TEXT NOT NULL,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    format       TEXT NOT NULL,
    level        INTEGER,
    better       TEXT NOT NULL,
    unit         TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    size         INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, id)
) WITHOUT ROWID;
CREATE TABLE metric_series (
    revision_id  INTEGER NOT NULL,
    metric_id    TEXT NOT NULL,
    ord          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    points       INTEGER NOT NULL,
    x            BLOB NOT NULL,
    y            BLOB NOT NULL,
    lower        BLOB,
    upper        BLOB,
    timestamp    BLOB,
    count        BLOB,
    labels_json  TEXT,
    PRIMARY KEY (revision_id, metric_id, ord),
    FOREIGN KEY (revision_id, metric_id) REFERENCES metrics(revision_id, id) ON DELETE CASCADE
);
CREATE INDEX revisions_by_project ON revisions(project_id, number);
CREATE INDEX files_by_blob ON files(sha256);
)sql";

// Version 2: gate reviews. Annotations are the reviewer's working notes (editable); reviews
// hold signed record bytes and the armored signature verbatim and can never be changed (the
// triggers refuse it: a correction is a new review that supersedes the old one). The audit
// log is append-only and chained: each entry's SHA-256 covers its fields and the previous
// entry's hash.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE annotations (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects(id),
    revision_id  INTEGER NOT NULL REFERENCES revisions(id),
    target_json  TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('info', 'minor', 'major', 'blocker')),
    status       TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    text         TEXT NOT NULL,
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL,
    author       TEXT NOT NULL
);
CREATE INDEX annotations_by_revision ON annotations(revision_id);
CREATE TABLE reviews (
    id              TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects(id),
    revision_id     INTEGER NOT NULL REFERENCES revisions(id),
    gate_id         TEXT NOT NULL,
    record          BLOB NOT NULL,
    signature       TEXT NOT NULL,
    reviewer_email  TEXT NOT NULL,
    reviewer_role   TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    supersedes      TEXT,
    origin          TEXT NOT NULL CHECK (origin IN ('signed', 'imported')),
    created_at      TEXT NOT NULL
);
CREATE INDEX reviews_by_revision ON reviews(revision_id);
CREATE INDEX reviews_by_project ON reviews(project_id, gate_id);
CREATE TRIGGER reviews_immutable BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'a signed review is immutable; sign a new review that supersedes it'); END;
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    action        TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    details_json  TEXT NOT NULL,
    prev_sha256   TEXT NOT NULL,
    entry_sha256  TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 3: review drafts. The unsigned review a reviewer is filling in, one per revision,
// gate and reviewer (a local identity label: the form's user, or a participant of a review
// meeting), saved at every edit so a killed process loses nothing. A verdict row holds the
// chosen verdict (NULL: none chosen yet) and its note; acknowledgements name the open blocker
// annotations the reviewer has seen before an advance. Drafts are working state, never signed
// and never exported; they go with their revision.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE review_drafts (
    revision_id      INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    gate_id          TEXT NOT NULL,
    reviewer         TEXT NOT NULL,
    outcome          TEXT CHECK (outcome IN ('advance', 'advance_with_conditions', 'hold', 'switchback')),
    to_level         INTEGER CHECK (to_level BETWEEN 0 AND 9),
    conditions_json  TEXT NOT NULL DEFAULT '[]',
    rationale        TEXT NOT NULL DEFAULT '',
    updated          TEXT NOT NULL,
    PRIMARY KEY (revision_id, gate_id, reviewer)
) WITHOUT ROWID;
CREATE TABLE review_draft_verdicts (
    revision_id  INTEGER NOT NULL,
    gate_id      TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    criterion    TEXT NOT NULL,
    verdict      TEXT CHECK (verdict IN ('met', 'not_met', 'waived', 'not_applicable')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (revision_id, gate_id, reviewer, criterion),
    FOREIGN KEY (revision_id, gate_id, reviewer)
        REFERENCES review_drafts(revision_id, gate_id, reviewer) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE review_draft_acks (
    revision_id    INTEGER NOT NULL,
    gate_id        TEXT NOT NULL,
    reviewer       TEXT NOT NULL,
    annotation_id  TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    PRIMARY KEY (revision_id, gate_id, reviewer, annotation_id),
    FOREIGN KEY (revision_id, gate_id, reviewer)
        REFERENCES review_drafts(revision_id, gate_id, reviewer) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// Version 4: review governance (amendment 1.1, G1). A draft's verdict remembers whether it is
// the metric's suggestion accepted unchanged, so the signed record can say so
// (`"from_suggestion": true`); a suggestion is never a verdict until accepted.
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE review_draft_verdicts ADD COLUMN from_suggestion INTEGER NOT NULL DEFAULT 0
    CHECK (from_suggestion IN (0, 1));
)sql";

// Version 5: the de-identification check of DICOM evidence (docs/dicom.md), made at import so
// the workbench and the packet never parse DICOM headers to say which files identify a
// patient. One row per DICOM evidence file; `identified` is NULL when the header could not be
// read and nothing identifying was found before the fault. `dicom_checked` says the revision's
// evidence was checked: revisions imported before version 5 are checked once when the store
// is opened after the migration (Store::migrate).
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE evidence_dicom (
    revision_id  INTEGER NOT NULL,
    evidence_id  TEXT NOT NULL,
    identified   INTEGER CHECK (identified IN (0, 1)),
    json         TEXT NOT NULL,
    PRIMARY KEY (revision_id, evidence_id),
    FOREIGN KEY (revision_id, evidence_id) REFERENCES evidence(revision_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
ALTER TABLE revisions ADD COLUMN dicom_checked INTEGER NOT NULL DEFAULT 0 CHECK (dicom_checked IN (0, 1));
)sql";

// Assets (docs/archive-format.md, "Images of documents that the manifest does not name"):
// unlisted image files of an archive that its Markdown shows (`![roc](figures/roc.png)` in a
// report), stored byte for byte with the revision. `document` is the first document naming
// the image (an archive path, or `mltrl.json#/project/summary`, `mltrl.json#/cards/N`).
// Assets are not part of a revision's identity (fingerprint) nor bound by reviews. A revision
// imported before this step has `assets_collected` 0: importing its archive again (which is
// "already present") stores its assets then.
constexpr std::string_view kRevisionAssets = R"sql(
CREATE TABLE revision_assets (
    revision_id  INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    size         INTEGER NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (revision_id, path)
) WITHOUT ROWID;
ALTER TABLE revisions ADD COLUMN assets_collected INTEGER NOT NULL DEFAULT 0 CHECK (assets_collected IN (0, 1));
)sql";

// Packed metric columns (docs/store.md): a column of logged decimals is stored as scaled
// integers (first value plus 0-, 1-, 2- or 4-byte deltas), decoded bit for bit; any other
// column stays a float64 array. `packing` 1 says a row's columns may be packed (a packed
// column is always shorter than 8 bytes a point, which tells the two apart); rows written
// before this step keep 0 (every column a float64 array) and are read as they are.
constexpr std::string_view kPackedMetricColumns = R"sql(
ALTER TABLE metric_series ADD COLUMN packing INTEGER NOT NULL DEFAULT 0 CHECK (packing IN (0, 1));
)sql";

// Version 8: the workbench's full-text search over a revision's evidence, cards and
// requirements (ui/evidence/SearchIndex, SQLite FTS5), and which revisions are completely
// indexed (an interrupted indexing run leaves no mark and is redone). Workbenches before
// version 8 created both tables themselves on first use, hence IF NOT EXISTS: such a store
// keeps its index.
constexpr std::string_view kSearchIndex = R"sql(
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    revision_id UNINDEXED, kind UNINDEXED, item_id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_indexed (revision_id INTEGER PRIMARY KEY);
)sql";

} // namespace

const std::vector<std::string_view> &migrations()
{
    static const std::vector<std::string_view> steps{kVersion1,
                                                     kVersion2,
                                                     kVersion3,
                                                     kVersion4,
                                                     kVersion5,
                                                     kRevisionAssets /* version 6 */,
                                                     kPackedMetricColumns /* version 7 */,
                                                     kSearchIndex /* version 8 */};
    return steps;
}

int currentVersion()
{
    return static_cast<int>(migrations().size());
}

std::string_view searchStagingTable()
{
    return "CREATE TEMP TABLE IF NOT EXISTS search_staging (kind TEXT, item_id TEXT, title TEXT, body TEXT)";
}

} // namespace mltrl::schema
