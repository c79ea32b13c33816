// mltrl-decode --image-batch: decodes the images the workbench asks for, one request at a
// time, until stdin closes (ui/common/ImageBatch.h: the images of a Markdown document, the
// Changes panel's image diff, the packet's crops). Each request names a stored file (read
// here, at most 256 MiB) or carries the bytes, the declared type and the pixel budget; each
// reply is SafeImage's result within that budget. Address space 2 GiB (set by main), CPU time
// 20 s per request and 10 min in all (SIGXCPU ends the process past either).
#include "app/decode/ImageBatch.h"
#include "app/decode/StdIo.h"

#include "ui/common/ImageBatch.h"

#include <QGuiApplication>
#include <QtEndian>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

using mltrl::decode::readFully;
using mltrl::decode::writeFully;

namespace {

constexpr rlim_t kRequestCpuSeconds = 20;
constexpr rlim_t kBatchCpuSeconds = 600;

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
        if (!readFully(header, 4))
            return 0; // the workbench has no more images
        const quint32 length = qFromBigEndian<quint32>(header);
        if (length > batch::kMaxRequestBytes)
            return 2;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        if (!readFully(payload.data(), length))
            return 0;
        const std::optional<batch::Item> item = batch::decodeRequest(payload);
        if (!item)
            return 2;
        payload = QByteArray();
        rusage used{};
        getrusage(RUSAGE_SELF, &used);
        cpuLimit(rlim_t(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + kRequestCpuSeconds);
        if (!writeFully(batch::frame(batch::encodeResult(batch::run(*item)))))
            return 3;
    }
}
