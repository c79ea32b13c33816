// Start-up and evidence switching of the workbench (issue 3 targets: window shown with the
// last project under 300 ms from launch; switching evidence under 100 ms).
//
//   gui_bench_startup STORE [RUNS]
// runs RUNS (default 10) child processes of itself. Each child does what app/workbench/main.cpp
// does — QApplication, open the store, the window with its panels, show, open the last project
// from the settings — and reports, in ms since its parent spawned it (CLOCK_MONOTONIC, so the
// process start, dynamic linking and Qt's start-up are included):
//   expose   the window's first paint (the window is on screen),
//   project  the first paint after the last project's revision is on screen.
// The last child then switches through every evidence file of the project three times and
// reports, per media type, the time from the request to the viewer's content on screen
// (EvidenceViewer::loaded, then a synchronous repaint of the window).
// The settings the children read are the ones QSettings finds (the script points
// XDG_CONFIG_HOME at a scratch folder); the parent writes session/lastProject there.
#include "core/store/ProjectQueries.h"
#include "core/store/RevisionData.h"
#include "core/store/Store.h"
#include "ui/evidence/EvidencePanel.h"
#include "ui/evidence/EvidenceViewer.h"
#include "ui/session/ProjectContext.h"
#include "ui/shell/PanelSetup.h"
#include "ui/shell/Settings.h"
#include "ui/shell/WorkbenchWindow.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <vector>

extern char **environ;

namespace {

std::int64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double msSince(std::int64_t t0)
{
    return static_cast<double>(monotonicNs() - t0) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void setAppNames()
{
    // The names app/workbench/main.cpp sets: the children read the settings the app reads.
    QApplication::setOrganizationName(QStringLiteral("mltrl"));
    QApplication::setApplicationName(QStringLiteral("mltrl-workbench"));
}

/// Records the first paint of a widget after `armed` is set.
class PaintWatch : public QObject {
public:
    explicit PaintWatch(std::int64_t t0) : m_t0(t0) {}
    bool armed = true;
    double at = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (armed && event->type() == QEvent::Paint && at < 0) {
            at = msSince(m_t0);
            armed = false;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::int64_t m_t0;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    const std::int64_t t0 = monotonicNs();
    while (!done()) {
        if (msSince(t0) > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

int child(int argc, char **argv, std::int64_t t0, const std::string &storeDir, bool switching)
{
    QApplication app(argc, argv);
    setAppNames();
    mltrl::Problems problems;
    auto store = mltrl::Store::open(storeDir, problems);
    if (!store)
        return 3;
    mltrl::ui::Settings settings;
    mltrl::ui::WorkbenchWindow window(*store, settings);
    mltrl::ui::installPanels(window, window.context());
    PaintWatch expose(t0);
    window.installEventFilter(&expose);
    window.show();
    window.openStartTarget(QString());

    PaintWatch project(t0);
    project.armed = false;
    QObject::connect(&window.context(), &mltrl::ui::ProjectContext::revisionChanged, &window, [&] {
        window.currentPanel()->installEventFilter(&project);
        project.armed = true;
    });
    if (!waitFor([&] { return expose.at >= 0 && project.at >= 0; }, 20000))
        return 4;
    std::printf("expose %.1f project %.1f\n", expose.at, project.at);
    if (!switching)
        return 0;

    auto *panel = window.findChild<mltrl::ui::EvidencePanel *>();
    const auto revision = window.context().revision();
    std::map<std::string, std::vector<double>> byType;
    for (int round = 0; round < 3; ++round) {
        for (const mltrl::Evidence &e : revision->manifest.evidence) {
            const QString id = QString::fromStdString(e.id);
            const std::int64_t s0 = monotonicNs();
            emit window.context().showEvidence(id);
            if (!waitFor(
                    [&] { return panel->viewer() && panel->currentEvidenceId() == id && panel->viewer()->isLoaded(); },
                    20000))
                return 5;
            window.repaint();
            byType[e.mediaType.empty() ? std::string("(none)") : e.mediaType].push_back(msSince(s0));
        }
    }
    for (const auto &[type, times] : byType)
        std::printf("switch %s %.1f %.1f\n", type.c_str(), median(times),
                    *std::max_element(times.begin(), times.end()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && std::string(argv[1]) == "--child")
        return child(argc, argv, std::stoll(argv[2]), argv[3], argc >= 5 && std::string(argv[4]) == "--switch");
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s STORE [RUNS]\n", argv[0]);
        return 2;
    }
    const std::string storeDir = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;
    {
        // The last project: the first (only) project of the store, as the app remembers it.
        setAppNames();
        mltrl::Problems problems;
        auto store = mltrl::Store::open(storeDir, problems);
        const auto projects = store ? mltrl::listProjects(store->db()) : std::vector<mltrl::ProjectSummary>{};
        if (projects.empty()) {
            std::fprintf(stderr, "no project in %s\n", storeDir.c_str());
            return 2;
        }
        mltrl::ui::Settings settings;
        settings.setValue(mltrl::ui::keys::lastProject, QString::fromStdString(projects.front().id));
        settings.sync();
    }
    std::vector<double> exposes, projects;
    for (int i = 0; i < runs; ++i) {
        const bool last = i == runs - 1;
        int fds[2];
        if (pipe(fds) != 0)
            return 3;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        const std::string t0 = std::to_string(monotonicNs());
        std::vector<char *> args{argv[0], const_cast<char *>("--child"), const_cast<char *>(t0.c_str()),
                                 const_cast<char *>(storeDir.c_str())};
        if (last)
            args.push_back(const_cast<char *>("--switch"));
        args.push_back(nullptr);
        pid_t pid = 0;
        const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        if (rc != 0)
            return 3;
        std::string out;
        char buf[4096];
        for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
            out.append(buf, static_cast<std::size_t>(n));
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "child failed (status %d): %s\n", status, out.c_str());
            return 1;
        }
        double e = 0, p = 0;
        if (std::sscanf(out.c_str(), "expose %lf project %lf", &e, &p) != 2)
            return 1;
        exposes.push_back(e);
        projects.push_back(p);
        if (last) {
            // Pass the per-type switching lines through.
            const auto nl = out.find('\n');
            if (nl != std::string::npos)
                std::fputs(out.c_str() + nl + 1, stdout);
        }
    }
    std::printf("startup-expose median %.1f ms max %.1f ms\n", median(exposes),
                *std::max_element(exposes.begin(), exposes.end()));
    std::printf("startup-project median %.1f ms max %.1f ms\n", median(projects),
                *std::max_element(projects.begin(), projects.end()));
    return 0;
}
