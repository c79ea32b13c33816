#pragma once
/// Runs one piece of work on its own thread and hands the result back on the UI thread.
/// The work must not touch UI-thread objects (in particular not the UI thread's Store: SQLite
/// connections belong to one thread — open a second connection inside the work).
#include <QObject>
#include <QPointer>
#include <QThread>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace mltrl::ui {

/// Starts `work` on a new thread; `done` runs on `receiver`'s thread when it finishes (not at
/// all if `receiver` is gone by then). The thread deletes itself; the returned pointer lets the
/// owner wait for it before it goes away.
template <typename Result>
QPointer<QThread> runOffThread(QObject *receiver, std::function<Result()> work, std::function<void(Result)> done)
{
    auto result = std::make_shared<std::optional<Result>>();
    QThread *thread = QThread::create([result, work = std::move(work)] { result->emplace(work()); });
    QObject::connect(thread, &QThread::finished, receiver, [result, done = std::move(done)] {
        if (result->has_value())
            done(std::move(**result));
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return thread;
}

/// Waits for a thread started by runOffThread (used by owners in their destructors).
inline void waitFor(const QPointer<QThread> &thread)
{
    if (thread)
        thread->wait();
}

} // namespace mltrl::ui
