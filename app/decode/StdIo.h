#pragma once
// Whole reads and writes on the decoder's stdin/stdout (a pipe to the workbench may return
// fewer bytes than asked at a time), shared by every request mode of mltrl-decode.
#include <QByteArray>

#include <unistd.h>

#include <algorithm>

namespace mltrl::decode {

/// Reads exactly `size` bytes from stdin; false at its end or on an error.
inline bool readFully(char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::read(STDIN_FILENO, data, static_cast<size_t>(std::min<qint64>(size, 1 << 20)));
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

/// Writes all of `bytes` to stdout; false on an error.
inline bool writeFully(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qint64 size = bytes.size();
    while (size > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, data, static_cast<size_t>(size));
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

} // namespace mltrl::decode
