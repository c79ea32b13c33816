#pragma once
// The archive being built: files in a fixed order, plus the pieces that produce them.
#include "Edition.h"

#include <QByteArray>

#include <ctime>
#include <string>
#include <vector>

namespace gen {

struct File {
    std::string path;  ///< archive path, '/'-separated
    QByteArray bytes;
};

/// Files in insertion order (the ZIP entry order). Paths must be unique.
class Content {
public:
    void add(std::string path, QByteArray bytes);
    void add(std::string path, const std::string& text);
    const QByteArray& bytes(const std::string& path) const;
    const std::vector<File>& files() const { return files_; }

private:
    std::vector<File> files_;
};

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256Hex(const QByteArray& bytes);

// Producers; each adds its files to the content. Later ones may read earlier files
// (the manifest hashes the evidence, the notebook embeds a figure).
void addMetricFiles(Content& content, Edition edition);
void addFigures(Content& content, Edition edition);
void addDocuments(Content& content, Edition edition);
void addReport(Content& content, Edition edition);
void addDicomSamples(Content& content, Edition edition);
void addManifest(Content& content, Edition edition);

// Writers; both write to a temporary sibling and rename, so a failed run leaves nothing
// half-written. They throw std::runtime_error with a plain message on failure.
/// Every entry carries `entryMtime` (the manifest's exported_at), so the bytes do not depend
/// on when the generator runs.
void writeZip(const Content& content, const std::string& outputPath, time_t entryMtime);
void writeDirectory(const Content& content, const std::string& outputDir);

/// Versions of the libraries whose output bytes the archive depends on (fonts, PNG and
/// deflate encoders). The committed example is compared only on a matching platform.
std::string platformFingerprint();

}  // namespace gen

namespace gen {
/// The subgroup forest plot as PNG bytes (also embedded in the notebook's output cell).
QByteArray forestPlotPng(int width, int height);
}  // namespace gen
