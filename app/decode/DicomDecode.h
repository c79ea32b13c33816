#pragma once
// mltrl-decode's DICOM requests (DicomDecode.cpp); main() hands them over after setting the
// process's limits.

/// True when argv is a DICOM request; `exitCode` then holds what main() returns.
bool handleDicomRequest(int argc, char **argv, int &exitCode);
