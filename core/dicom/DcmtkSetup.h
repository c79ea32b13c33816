#pragma once
/// One-time DCMTK set-up shared by the check and the viewer: its log is silenced (problems are
/// returned as values, never printed by the library onto the CLI's stderr).
namespace mltrl::dicom {

/// Idempotent and thread-safe.
void setUpDcmtk();

} // namespace mltrl::dicom
