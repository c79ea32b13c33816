// mltrl-decode --image-batch: decodes the images the workbench asks for, one request at a
// time, until stdin closes (ui/common/ImageBatch.h: the images of a Markdown document, the
// Changes panel's image diff, the packet's crops). Each request names a stored file (read
// here, at most 256 MiB) or carries the bytes, the declared type and the pixel budget; each
// reply is SafeImage's result within that budget. Address space 2 GiB (set by main), CPU time
// 20 s per request and 10 min in all (SIGXCPU ends the process past either).
#include "app/decode/ImageBatch.h"

#include "ui/common/ImageBatch.h"

#include <QGuiApplication>
#include <QtEndian>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace {

constexpr rlim_t kRequestCpuSeconds = 20;
constexpr rlim_t kBatchCpuSeconds = 600;

bool readAll(char *data, qint64 size)
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

bool writeAll(const QByteArray &bytes)
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

void cpuLimit(rlim_t soft)
{
    rlimit l{std::min(soft, kBatchCpuSeconds), kBatchCpuSeconds};
    setrlimit(RLIMIT_CPU, &l);
}

} // namespace

int serveImageBatch(char *program)
{
    namespace batch = mltrl::ui::imagebatch;
    cpuLimit(kRequestCpuSeconds);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char *qtArgv[] = {program, nullptr};
    QGuiApplication app(qtArgc, qtArgv); // fonts for SVG text
    // Replies are up to 256 MB: a larger pipe, fewer wake-ups (Linux; ignored where refused).
    fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
    for (;;) {
        char header[4];
        if (!readAll(header, 4))
            return 0; // the workbench has no more images
        const quint32 length = qFromBigEndian<quint32>(header);
        if (length > batch::kMaxRequestBytes)
            return 2;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        if (!readAll(payload.data(), length))
            return 0;
        const std::optional<batch::Item> item = batch::decodeRequest(payload);
        if (!item)
            return 2;
        payload = QByteArray();
        rusage used{};
        getrusage(RUSAGE_SELF, &used);
        cpuLimit(rlim_t(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + kRequestCpuSeconds);
        if (!writeAll(batch::frame(batch::encodeResult(batch::run(*item)))))
            return 3;
    }
}
