#pragma once
/// Runs `work` on a fresh thread and hands its result to `done` on `context`'s thread. If
/// `context` is destroyed first, `done` is never called (the connection dies with it), so a
/// viewer closed while its file is still being read is safe.
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace mltrl::ui {

template <typename Result>
void runInBackground(QObject *context, std::function<Result()> work, std::function<void(Result)> done)
{
    auto result = std::make_shared<Result>();
    QThread *thread = QThread::create([work = std::move(work), result] { *result = work(); });
    QObject::connect(thread, &QThread::finished, context,
                     [done = std::move(done), result] { done(std::move(*result)); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace mltrl::ui
