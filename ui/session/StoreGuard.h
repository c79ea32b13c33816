#pragma once
/// Where an exception from the store ends on the UI thread (docs/architecture.md, "Errors").
/// Store reads throw sql::SqliteError when the store fails under the running program (its file
/// removed, a read-only or full disk, damage); an exception that leaves a Qt slot terminates
/// the process. So UI-thread code that reads the store outside a BackgroundJob runs inside
/// guardStore(): the error is reported through the context (status line and the window's
/// store-error banner) and the caller gets "no value" back, and the window lives on.
#include "core/sqlite/Database.h"
#include "core/store/Store.h"
#include "ui/session/ProjectContext.h"

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace mltrl::ui {

/// Runs `action`; returns its value (true for a void action), or nullopt (false) after
/// calling `report(what, why)` with what it threw (`what` says the action: "Reading the
/// revisions"). For widgets without a ProjectContext, which emit a storeFailed signal.
template <typename Report, typename F>
auto guardStoreWith(Report &&report, const QString &what, F &&action) noexcept
{
    using R = std::invoke_result_t<F>;
    using Out = std::conditional_t<std::is_void_v<R>, bool, std::optional<R>>;
    QString why;
    try {
        if constexpr (std::is_void_v<R>) {
            action();
            return Out(true);
        } else {
            return Out(action());
        }
    } catch (const sql::SqliteError &e) {
        why = QString::fromStdString(e.what());
    } catch (const std::exception &e) {
        why = QString::fromStdString(e.what());
    } catch (...) {
        why = QStringLiteral("unknown error");
    }
    report(what, why);
    if constexpr (std::is_void_v<R>)
        return Out(false);
    else
        return Out(std::nullopt);
}

/// The same, reporting through `context` (ProjectContext::reportStoreFailure).
template <typename F>
auto guardStore(ProjectContext &context, const QString &what, F &&action) noexcept
{
    return guardStoreWith([&context](const QString &w, const QString &why) { context.reportStoreFailure(w, why); },
                          what, std::forward<F>(action));
}

} // namespace mltrl::ui
