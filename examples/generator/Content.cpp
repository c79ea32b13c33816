#include "Content.h"

#include <QCryptographicHash>

#include <stdexcept>

namespace gen {

void Content::add(std::string path, QByteArray bytes)
{
    for (const File& f : files_) {
        if (f.path == path) throw std::logic_error("duplicate archive path " + path);
    }
    files_.push_back({std::move(path), std::move(bytes)});
}

void Content::add(std::string path, const std::string& text)
{
    add(std::move(path), QByteArray(text.data(), static_cast<qsizetype>(text.size())));
}

const QByteArray& Content::bytes(const std::string& path) const
{
    for (const File& f : files_) {
        if (f.path == path) return f.bytes;
    }
    throw std::logic_error("no archive file " + path);
}

std::string sha256Hex(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
}

}  // namespace gen
